-- The plan (SIP) and everything that hangs on it. Plan-scoped tables key on (county, id) and
-- reference the plan by (county, plan_id) so that Citus can co-locate them by county unchanged.

CREATE TABLE plan_states (
  state text PRIMARY KEY
);
INSERT INTO plan_states VALUES
  ('initiated'), ('invited'), ('mapped'), ('established'), ('evaluated'), ('closed'), ('cancelled');

-- The transitions src/domain/plan-lifecycle.ts allows; an integration test asserts the two agree.
CREATE TABLE plan_state_transitions (
  from_state text NOT NULL REFERENCES plan_states,
  to_state   text NOT NULL REFERENCES plan_states,
  PRIMARY KEY (from_state, to_state)
);
INSERT INTO plan_state_transitions VALUES
  ('initiated', 'invited'),
  ('invited', 'invited'),
  ('invited', 'mapped'),
  ('mapped', 'established'),
  ('established', 'established'),
  ('established', 'evaluated'),
  ('evaluated', 'established'),
  ('evaluated', 'closed'),
  ('initiated', 'cancelled'),
  ('invited', 'cancelled'),
  ('mapped', 'cancelled'),
  ('established', 'cancelled'),
  ('evaluated', 'cancelled');

CREATE SEQUENCE plan_number_seq;

CREATE TABLE plans (
  county                 char(2) NOT NULL REFERENCES counties,
  id                     uuid NOT NULL,
  plan_number            text NOT NULL,
  child_id               uuid NOT NULL,
  state                  text NOT NULL DEFAULT 'initiated' REFERENCES plan_states,
  reason                 text NOT NULL CHECK (length(trim(reason)) > 0),
  initiating_unit_id     uuid NOT NULL,
  initiated_by           uuid NOT NULL,
  initiated_at           timestamptz NOT NULL DEFAULT now(),
  coordinator_staff_id   uuid,
  coordinator_unit_id    uuid,
  -- SoL 2 kap 7 § / HSL 16 kap 4 § p. 4: the principal with the overall responsibility.
  overall_principal_id   uuid,
  next_follow_up_on      date,
  -- Published plan versions (0 until established); each revision adds one.
  plan_version           int NOT NULL DEFAULT 0 CHECK (plan_version >= 0),
  established_at         timestamptz,
  closed_at              timestamptz,
  closure_reason         text CHECK (closure_reason IN (
                           'goals_reached', 'consent_withdrawn', 'moved', 'transferred',
                           'turned_18', 'other')),
  closure_note           text,
  cancel_reason          text,
  -- SoL 2 kap 7 § p. 3 asks which measures others take; "none" must be said, not left out.
  no_measures_by_others  boolean NOT NULL DEFAULT false,
  -- Optimistic concurrency: the ETag of the plan resource.
  version                int NOT NULL DEFAULT 1,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  UNIQUE (county, plan_number),
  FOREIGN KEY (county, child_id) REFERENCES persons (county, id),
  FOREIGN KEY (county, initiating_unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, initiated_by) REFERENCES staff (county, id),
  FOREIGN KEY (county, coordinator_staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, coordinator_unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, overall_principal_id) REFERENCES principals (county, id),
  CHECK ((coordinator_staff_id IS NULL) = (coordinator_unit_id IS NULL)),
  -- An established plan always has what establishing demanded (SoL 2 kap 7 §, the routine).
  CHECK (state IN ('initiated', 'invited', 'mapped', 'cancelled')
         OR (coordinator_staff_id IS NOT NULL AND overall_principal_id IS NOT NULL
             AND plan_version >= 1 AND established_at IS NOT NULL)),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL AND closure_reason IS NOT NULL)),
  CHECK ((state = 'cancelled') = (cancel_reason IS NOT NULL AND length(trim(cancel_reason)) > 0))
);
CREATE INDEX plans_child ON plans (county, child_id);
CREATE INDEX plans_follow_up ON plans (county, next_follow_up_on) WHERE state IN ('established', 'evaluated');

CREATE FUNCTION plans_guard_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.state <> 'initiated' THEN
      RAISE EXCEPTION 'a plan starts in state initiated, not %', NEW.state USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW.state IS DISTINCT FROM OLD.state THEN
    IF NOT EXISTS (SELECT 1 FROM plan_state_transitions t WHERE t.from_state = OLD.state AND t.to_state = NEW.state) THEN
      RAISE EXCEPTION 'plan transition % -> % is not allowed', OLD.state, NEW.state USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER plans_guard_transition BEFORE INSERT OR UPDATE ON plans
  FOR EACH ROW EXECUTE FUNCTION plans_guard_transition();

-- Every transition, dated and attributed (the chronology reads it).
CREATE TABLE plan_state_changes (
  county      char(2) NOT NULL,
  id          uuid NOT NULL,
  plan_id     uuid NOT NULL,
  from_state  text REFERENCES plan_states,
  to_state    text NOT NULL REFERENCES plan_states,
  at          timestamptz NOT NULL DEFAULT now(),
  by_staff_id uuid NOT NULL,
  by_unit_id  uuid NOT NULL,
  note        text,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (from_state, to_state) REFERENCES plan_state_transitions (from_state, to_state) MATCH SIMPLE
);

-- Participants: units (the agencies) and people (the child, guardians, relatives, others).
CREATE TABLE plan_participants (
  county      char(2) NOT NULL,
  id          uuid NOT NULL,
  plan_id     uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('unit', 'child', 'guardian', 'relative', 'other')),
  unit_id     uuid,
  person_id   uuid,
  -- A named contact for a unit, or a free-text name for a relative/other without a person record.
  staff_id    uuid,
  name        text,
  role_note   text,
  active      boolean NOT NULL DEFAULT true,
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, person_id) REFERENCES persons (county, id),
  FOREIGN KEY (county, staff_id) REFERENCES staff (county, id),
  CHECK ((kind = 'unit') = (unit_id IS NOT NULL)),
  CHECK (kind <> 'unit' OR person_id IS NULL),
  CHECK (kind NOT IN ('child', 'guardian') OR person_id IS NOT NULL),
  CHECK (kind NOT IN ('relative', 'other') OR person_id IS NOT NULL OR length(trim(coalesce(name, ''))) > 0)
);
CREATE UNIQUE INDEX plan_participants_unit ON plan_participants (county, plan_id, unit_id) WHERE kind = 'unit' AND active;
CREATE UNIQUE INDEX plan_participants_person ON plan_participants (county, plan_id, person_id) WHERE person_id IS NOT NULL AND active;
CREATE INDEX plan_participants_by_unit ON plan_participants (county, unit_id, plan_id) WHERE kind = 'unit' AND active;

-- Consent (samtycke): never general. Who gave it, which units it covers, for how long, what it
-- does not cover, oral or written (OSL 25/26/23 kap; SoL 2 kap 7 §: "om den enskilde samtycker").
CREATE TABLE consents (
  county         char(2) NOT NULL,
  id             uuid NOT NULL,
  plan_id        uuid NOT NULL,
  form           text NOT NULL CHECK (form IN ('oral', 'written')),
  given_on       date NOT NULL,
  valid_from     date NOT NULL,
  valid_until    date NOT NULL,
  excludes       text,
  -- Whether the givers' stances satisfy the county's consent policy (src/domain/consent.ts),
  -- decided when recorded; period and withdrawal are checked at every read.
  sufficient     boolean NOT NULL,
  recorded_by    uuid NOT NULL,
  recorded_unit  uuid NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  withdrawn_at   timestamptz,
  withdrawn_by   uuid,
  withdrawal_note text,
  version        int NOT NULL DEFAULT 1,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, recorded_by) REFERENCES staff (county, id),
  FOREIGN KEY (county, recorded_unit) REFERENCES units (county, id),
  CHECK (valid_until >= valid_from),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE INDEX consents_plan ON consents (county, plan_id);

-- Each person's stance: every guardian's and the child's own (recorded even when not required).
CREATE TABLE consent_givers (
  county      char(2) NOT NULL,
  consent_id  uuid NOT NULL,
  person_id   uuid NOT NULL,
  role        text NOT NULL CHECK (role IN ('guardian', 'child')),
  stance      text NOT NULL CHECK (stance IN ('consents', 'refuses')),
  refusal_reason text,
  PRIMARY KEY (county, consent_id, person_id),
  FOREIGN KEY (county, consent_id) REFERENCES consents (county, id),
  FOREIGN KEY (county, person_id) REFERENCES persons (county, id),
  CHECK (stance = 'consents' OR length(trim(coalesce(refusal_reason, ''))) > 0)
);

CREATE TABLE consent_units (
  county      char(2) NOT NULL,
  consent_id  uuid NOT NULL,
  unit_id     uuid NOT NULL,
  PRIMARY KEY (county, consent_id, unit_id),
  FOREIGN KEY (county, consent_id) REFERENCES consents (county, id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id)
);
CREATE INDEX consent_units_unit ON consent_units (county, unit_id);
