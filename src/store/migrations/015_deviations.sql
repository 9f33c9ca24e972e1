-- Deviations in cooperation (avvikelser i samverkan, SIP.md §5; issue 7 item 5): any staff
-- member reports one, on a plan or in general, naming the units involved. The nearest managers
-- (närmaste chef) of those units handle it first; what they cannot resolve is escalated to the
-- steering group (styrgrupp) of the local agreement that covers the units' principals
-- (migration 012). The deviation figures feed the key figures (reported_at, closed_at, status,
-- deviation_units are read by src/services/key-figures).

-- The transitions src/domain/deviation-lifecycle.ts allows; test/http/deviations.test.ts asserts
-- the two agree. A function over a list rather than a reference table, so that every table keeps
-- county in its key (docs/decisions/0002); the view shows the list, the trigger and the CHECK use it.
CREATE FUNCTION deviation_transition_allowed(p_from text, p_to text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT (p_from, p_to) IN (
    ('reported', 'investigating'),
    ('investigating', 'measures_decided'),
    ('measures_decided', 'closed'),
    ('reported', 'escalated'),
    ('investigating', 'escalated'),
    ('measures_decided', 'escalated'),
    ('escalated', 'measures_decided'),
    ('escalated', 'closed'))
$$;
CREATE VIEW deviation_state_transitions AS
  SELECT f.s AS from_state, t.s AS to_state
  FROM unnest(ARRAY['reported', 'investigating', 'measures_decided', 'escalated', 'closed']) AS f(s)
  CROSS JOIN unnest(ARRAY['reported', 'investigating', 'measures_decided', 'escalated', 'closed']) AS t(s)
  WHERE deviation_transition_allowed(f.s, t.s);

CREATE TABLE deviations (
  county            char(2) NOT NULL REFERENCES counties,
  id                uuid NOT NULL,
  -- Null: a deviation in general, not about one child's plan.
  plan_id           uuid,
  title             text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
  description       text NOT NULL CHECK (length(trim(description)) BETWEEN 1 AND 4000),
  occurred_on       date,
  status            text NOT NULL DEFAULT 'reported'
                      CHECK (status IN ('reported', 'investigating', 'measures_decided', 'escalated', 'closed')),
  reported_by       uuid NOT NULL,
  reported_unit_id  uuid NOT NULL,
  reported_at       timestamptz NOT NULL,
  -- The local agreement whose steering group received it (set once escalated, kept after).
  agreement_id      uuid,
  escalated_at      timestamptz,
  escalation_reason text,
  closed_at         timestamptz,
  resolution        text,
  version           int NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, reported_by) REFERENCES staff (county, id),
  FOREIGN KEY (county, reported_unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, agreement_id) REFERENCES local_agreements (county, id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (closed_at IS NULL OR length(trim(coalesce(resolution, ''))) > 0),
  CHECK ((agreement_id IS NULL) = (escalated_at IS NULL)),
  CHECK (status <> 'escalated' OR agreement_id IS NOT NULL),
  CHECK (closed_at IS NULL OR closed_at >= reported_at)
);
CREATE INDEX deviations_reported ON deviations (county, reported_at);
CREATE INDEX deviations_plan ON deviations (county, plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX deviations_agreement ON deviations (county, agreement_id) WHERE agreement_id IS NOT NULL;
CREATE INDEX deviations_reporter ON deviations (county, reported_by);

-- The units involved: their nearest managers handle the deviation.
CREATE TABLE deviation_units (
  county        char(2) NOT NULL,
  deviation_id  uuid NOT NULL,
  unit_id       uuid NOT NULL,
  PRIMARY KEY (county, deviation_id, unit_id),
  FOREIGN KEY (county, deviation_id) REFERENCES deviations (county, id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id)
);
CREATE INDEX deviation_units_unit ON deviation_units (county, unit_id, deviation_id);

-- Measures (åtgärder) decided, each with an owner and a date.
CREATE TABLE deviation_measures (
  county          char(2) NOT NULL,
  id              uuid NOT NULL,
  deviation_id    uuid NOT NULL,
  description     text NOT NULL CHECK (length(trim(description)) BETWEEN 1 AND 2000),
  owner_staff_id  uuid NOT NULL,
  due_on          date NOT NULL,
  done_on         date,
  created_by      uuid NOT NULL,
  created_at      timestamptz NOT NULL,
  version         int NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, deviation_id) REFERENCES deviations (county, id),
  FOREIGN KEY (county, owner_staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, created_by) REFERENCES staff (county, id)
);
CREATE INDEX deviation_measures_deviation ON deviation_measures (county, deviation_id);
CREATE INDEX deviation_measures_owner ON deviation_measures (county, owner_staff_id) WHERE done_on IS NULL;

-- Every transition, dated and attributed (the deviation's history reads it).
CREATE TABLE deviation_status_changes (
  county        char(2) NOT NULL,
  id            uuid NOT NULL,
  deviation_id  uuid NOT NULL,
  from_state    text,
  to_state      text NOT NULL,
  at            timestamptz NOT NULL,
  by_staff_id   uuid,
  by_unit_id    uuid,
  note          text,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, deviation_id) REFERENCES deviations (county, id),
  FOREIGN KEY (county, by_staff_id) REFERENCES staff (county, id),
  CHECK ((from_state IS NULL AND to_state = 'reported') OR deviation_transition_allowed(from_state, to_state))
);
CREATE INDEX deviation_status_changes_deviation ON deviation_status_changes (county, deviation_id, at);

-- The state machine in the database too: no path (a script, a later service) can skip a step.
CREATE FUNCTION deviations_guard_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'reported' THEN
      RAISE EXCEPTION 'a deviation starts as reported, not %', NEW.status USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    IF NOT deviation_transition_allowed(OLD.status, NEW.status) THEN
      RAISE EXCEPTION 'deviation transition % -> % is not allowed', OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER deviations_guard_transition BEFORE INSERT OR UPDATE OF status ON deviations
  FOR EACH ROW EXECUTE FUNCTION deviations_guard_transition();

-- Inbox notices about a deviation: they name no plan (the managers told may not be entitled to
-- the plan, OSL 25/26 kap), so a notice is about a plan or about a deviation.
INSERT INTO notification_kinds VALUES ('deviation_reported'), ('deviation_escalated'), ('deviation_measure_assigned');
ALTER TABLE notifications ALTER COLUMN plan_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN deviation_id uuid;
ALTER TABLE notifications ADD CONSTRAINT notifications_deviation_fk FOREIGN KEY (county, deviation_id) REFERENCES deviations (county, id);
ALTER TABLE notifications ADD CONSTRAINT notifications_subject CHECK ((plan_id IS NULL) <> (deviation_id IS NULL));
ALTER TABLE notifications DROP CONSTRAINT notifications_link_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_link_check
  CHECK (link ~ '^/planer/[0-9a-f-]{36}(/[a-z]+)?$' OR (deviation_id IS NOT NULL AND link ~ '^/avvikelser/[0-9a-f-]{36}$'));

-- The synthetic national data set (`samplan seed --synthetic`, src/seed/synthetic/): one row per
-- county it generated, so that a second run with the same seed changes nothing and a run with
-- another one is refused instead of mixing two sets.
CREATE TABLE synthetic_data_sets (
  county        char(2) NOT NULL REFERENCES counties,
  seed          text NOT NULL,
  plans_total   int NOT NULL CHECK (plans_total >= 0),
  plans_county  int NOT NULL CHECK (plans_county >= 0),
  anchor_day    date NOT NULL,
  generated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county)
);
