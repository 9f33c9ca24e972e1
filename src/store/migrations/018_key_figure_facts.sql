-- The key figures' facts kept instead of computed on every read (issue 7; docs/decisions/0010):
-- computed from the plans each time, one county's dashboard took 8–20 s at 300,000 plans.
--
-- key_figure_facts: one row per fact (src/services/key-figures/fact-store.ts says which), by the
--   subject it is refreshed with: the plan, or for a deviation without a plan the deviation.
-- key_figure_sums: the facts summed per county and municipality, fact set and period: what the
--   dashboard reads. Kept in step with the facts by adding and subtracting each refreshed fact.
-- key_figure_stale: the subjects changed since their facts were computed, marked by the triggers
--   below in the writing transaction itself; the nil uuid stands for the whole county. A read of
--   a county's figures first brings its stale subjects up to date, so a figure never lags a change.

CREATE TABLE key_figure_facts (
  county   char(2) NOT NULL,
  subject  uuid NOT NULL,
  -- Null for a deviation without a plan (nobody is entitled to it).
  plan_id  uuid,
  fs       text NOT NULL,
  -- The Swedish date the fact falls on; null: a fact about today (open plans without a coordinator).
  at       date,
  -- Of a span (a plan open from the period of `at`): the first period it is no longer open in.
  until    date,
  -- Counts only once `at` is before today (a follow-up or intervention whose date has passed).
  pending  boolean NOT NULL DEFAULT false,
  num      int,
  val      int,
  -- The municipalities of the units the fact counts for, each once.
  munis    text[] NOT NULL
);
CREATE INDEX key_figure_facts_subject ON key_figure_facts (county, subject);
CREATE INDEX key_figure_facts_at ON key_figure_facts (county, fs, at);
-- This month's dates passed so far, counted to the day on each read.
CREATE INDEX key_figure_facts_pending ON key_figure_facts (county, at) INCLUDE (fs, num, val, munis) WHERE pending;

CREATE TABLE key_figure_sums (
  county     char(2) NOT NULL,
  dim        text NOT NULL CHECK (dim IN ('county', 'municipality')),
  group_key  text NOT NULL,
  fs         text NOT NULL,
  -- Summed by month, quarter and year, so that a read adds up no more rows than it shows. The
  -- per-grain fact sets are summed at their grain only, pending facts by month only.
  grain      text NOT NULL CHECK (grain IN ('month', 'quarter', 'year')),
  -- The period's first day; -infinity for facts about today.
  month      date NOT NULL,
  pending    boolean NOT NULL,
  -- Set for the fact sets with a value (days, survey answers): a histogram, for medians.
  val        int,
  num        bigint NOT NULL,
  n          bigint NOT NULL,
  -- The dashboard reads the sums from this index alone (num and n included).
  CONSTRAINT key_figure_sums_key UNIQUE NULLS NOT DISTINCT (county, dim, grain, fs, month, group_key, pending, val) INCLUDE (num, n)
);

CREATE TABLE key_figure_stale (
  county   char(2) NOT NULL,
  subject  uuid NOT NULL,
  PRIMARY KEY (county, subject)
);

CREATE FUNCTION key_figure_mark(p_county char(2), p_subject uuid) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO key_figure_stale (county, subject) SELECT p_county, p_subject WHERE p_subject IS NOT NULL
  ON CONFLICT DO NOTHING
$$;

-- Tables with a plan_id: the plan is stale, before and after the change.
CREATE FUNCTION key_figure_mark_plan_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM key_figure_mark(OLD.county, OLD.plan_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.plan_id IS DISTINCT FROM OLD.plan_id) THEN
    PERFORM key_figure_mark(NEW.county, NEW.plan_id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION key_figure_mark_plan() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM key_figure_mark(CASE TG_OP WHEN 'DELETE' THEN OLD.county ELSE NEW.county END, CASE TG_OP WHEN 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;

-- A deviation without a plan is its own subject.
CREATE FUNCTION key_figure_mark_deviation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM key_figure_mark(OLD.county, coalesce(OLD.plan_id, OLD.id)); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM key_figure_mark(NEW.county, coalesce(NEW.plan_id, NEW.id)); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION key_figure_mark_deviation_unit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  PERFORM key_figure_mark(d.county, coalesce(d.plan_id, d.id)) FROM deviations d WHERE d.county = r.county AND d.id = r.deviation_id;
  RETURN NULL;
END $$;

CREATE FUNCTION key_figure_mark_consent_giver() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  PERFORM key_figure_mark(c.county, c.plan_id) FROM consents c WHERE c.county = r.county AND c.id = r.consent_id;
  RETURN NULL;
END $$;

-- Whether a coordinator is active in their unit (staff_serves_unit) changes with the staff
-- member, their memberships and the unit: their open plans' "without coordinator" fact with it.
CREATE FUNCTION key_figure_mark_coordinator(p_county char(2), p_staff uuid) RETURNS void
LANGUAGE sql AS $$
  SELECT key_figure_mark(p.county, p.id) FROM plans p WHERE p.county = p_county AND p.coordinator_staff_id = p_staff
$$;

CREATE FUNCTION key_figure_mark_staff() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM key_figure_mark_coordinator(NEW.county, NEW.id);
  RETURN NULL;
END $$;

CREATE FUNCTION key_figure_mark_membership() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM key_figure_mark_coordinator(OLD.county, OLD.staff_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM key_figure_mark_coordinator(NEW.county, NEW.staff_id); END IF;
  RETURN NULL;
END $$;

-- A unit's kind or municipality regroups every fact counted for it: the county is summed anew.
CREATE FUNCTION key_figure_mark_unit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.municipality_code IS DISTINCT FROM OLD.municipality_code THEN
    PERFORM key_figure_mark(NEW.county, '00000000-0000-0000-0000-000000000000');
  ELSIF NEW.active IS DISTINCT FROM OLD.active THEN
    PERFORM key_figure_mark(p.county, p.id) FROM plans p WHERE p.county = NEW.county AND p.coordinator_unit_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER plans_key_figures AFTER INSERT OR UPDATE OR DELETE ON plans FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan();
CREATE TRIGGER plan_participants_key_figures AFTER INSERT OR UPDATE OR DELETE ON plan_participants FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER plan_state_changes_key_figures AFTER INSERT OR UPDATE OR DELETE ON plan_state_changes FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER plan_coordinator_changes_key_figures AFTER INSERT OR UPDATE OR DELETE ON plan_coordinator_changes FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER follow_ups_key_figures AFTER INSERT OR UPDATE OR DELETE ON follow_ups FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER meetings_key_figures AFTER INSERT OR UPDATE OR DELETE ON meetings FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER interventions_key_figures AFTER INSERT OR UPDATE OR DELETE ON interventions FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER consents_key_figures AFTER INSERT OR UPDATE OR DELETE ON consents FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER invitees_key_figures AFTER INSERT OR UPDATE OR DELETE ON invitees FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER meeting_surveys_key_figures AFTER INSERT OR UPDATE OR DELETE ON meeting_surveys FOR EACH ROW EXECUTE FUNCTION key_figure_mark_plan_id();
CREATE TRIGGER consent_givers_key_figures AFTER INSERT OR UPDATE OR DELETE ON consent_givers FOR EACH ROW EXECUTE FUNCTION key_figure_mark_consent_giver();
CREATE TRIGGER deviations_key_figures AFTER INSERT OR UPDATE OR DELETE ON deviations FOR EACH ROW EXECUTE FUNCTION key_figure_mark_deviation();
CREATE TRIGGER deviation_units_key_figures AFTER INSERT OR UPDATE OR DELETE ON deviation_units FOR EACH ROW EXECUTE FUNCTION key_figure_mark_deviation_unit();
CREATE TRIGGER staff_key_figures AFTER UPDATE OF active ON staff FOR EACH ROW EXECUTE FUNCTION key_figure_mark_staff();
CREATE TRIGGER memberships_key_figures AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION key_figure_mark_membership();
CREATE TRIGGER units_key_figures AFTER UPDATE ON units FOR EACH ROW EXECUTE FUNCTION key_figure_mark_unit();

CREATE INDEX plans_coordinator ON plans (county, coordinator_staff_id);

-- Every county is computed in full on its first read (or by `samplan seed --synthetic`, or the
-- benchmark, beforehand).
INSERT INTO key_figure_stale (county, subject) SELECT county, '00000000-0000-0000-0000-000000000000' FROM counties;
