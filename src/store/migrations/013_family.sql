-- The family's own view (issue 5): the child and the guardians see their plan, write in their
-- own words, answer invitations, approve new versions, narrow or withdraw consent, read the log
-- of who opened their data, and say after a meeting whether they felt listened to.
-- The SIP is "the individual's own document", drawn up together with the child and the guardians
-- (SoL 2 kap 7 §; barnkonventionen art. 12, lag 2018:1197).

-- From which age a young person may see their own plan (when the coordinator has enabled it on the
-- plan). A county setting, like the consent policy: the regional agreement decides.
ALTER TABLE counties ADD COLUMN young_person_access_age int NOT NULL DEFAULT 13
  CHECK (young_person_access_age BETWEEN 10 AND 18);

-- Whether the coordinator has opened the plan to the young person themself.
ALTER TABLE plans ADD COLUMN young_person_access boolean NOT NULL DEFAULT false;

-- A consent narrowed by the family: a unit taken out of a consent keeps its row (the history),
-- marked withdrawn. Every read checks it in SQL (CONSENT_COVERS_UNIT), so it takes effect at once.
ALTER TABLE consent_units ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE consent_units ADD COLUMN withdrawn_by_person uuid;
ALTER TABLE consent_units ADD CONSTRAINT consent_units_withdrawn_by
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by_person IS NULL));
ALTER TABLE consent_units ADD CONSTRAINT consent_units_withdrawn_person
  FOREIGN KEY (county, withdrawn_by_person) REFERENCES persons (county, id);
-- A whole consent withdrawn by a guardian or the young person (withdrawn_by then holds the person).
ALTER TABLE consents ADD COLUMN withdrawn_by_kind text NOT NULL DEFAULT 'staff'
  CHECK (withdrawn_by_kind IN ('staff', 'citizen'));

-- A consent given digitally by the family in Samplan (signed in with BankID), not recorded by
-- staff: no staff member or unit recorded it, the person did. One unit per digital consent; it
-- becomes sufficient when every stance the county's policy asks for is given (src/domain/consent.ts).
ALTER TABLE consents DROP CONSTRAINT consents_form_check;
ALTER TABLE consents ADD CONSTRAINT consents_form_check CHECK (form IN ('oral', 'written', 'digital'));
ALTER TABLE consents ALTER COLUMN recorded_by DROP NOT NULL;
ALTER TABLE consents ALTER COLUMN recorded_unit DROP NOT NULL;
ALTER TABLE consents ADD COLUMN recorded_by_person uuid;
ALTER TABLE consents ADD CONSTRAINT consents_recorded_by_person
  FOREIGN KEY (county, recorded_by_person) REFERENCES persons (county, id);
ALTER TABLE consents ADD CONSTRAINT consents_recorded_by_one
  CHECK ((recorded_by IS NULL) = (recorded_unit IS NULL) AND (recorded_by IS NULL) <> (recorded_by_person IS NULL));
ALTER TABLE consents ADD CONSTRAINT consents_digital_by_person
  CHECK ((form = 'digital') = (recorded_by_person IS NOT NULL));

-- The coordinator is told when the family changes its consent.
INSERT INTO notification_kinds VALUES ('family_consent_changed');

-- The child's voice: "my goals" and "what matters to me", in the child's or guardian's own words.
-- Staff never write here: the trigger below refuses any write not made by a signed-in citizen
-- who is the child or one of the child's guardians (set per transaction by the family use cases).
CREATE TABLE family_voice (
  county        char(2) NOT NULL,
  id            uuid NOT NULL,
  plan_id       uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('my_goals', 'what_matters')),
  text          text NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 4000),
  written_by    uuid NOT NULL,
  written_role  text NOT NULL CHECK (written_role IN ('child', 'guardian')),
  written_at    timestamptz NOT NULL,
  version       int NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (county, id),
  UNIQUE (county, plan_id, kind),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, written_by) REFERENCES persons (county, id)
);

CREATE FUNCTION family_voice_only_by_family() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_kind text := current_setting('samplan.actor_kind', true);
  v_person text := current_setting('samplan.person_id', true);
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'family_voice: the family''s own words are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_kind IS DISTINCT FROM 'citizen' OR v_person IS DISTINCT FROM NEW.written_by::text THEN
    RAISE EXCEPTION 'family_voice: only the child or a guardian writes here' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM plans p WHERE p.county = NEW.county AND p.id = NEW.plan_id
                 AND (p.child_id = NEW.written_by OR EXISTS (SELECT 1 FROM guardianships g
                      WHERE g.county = p.county AND g.child_id = p.child_id AND g.guardian_id = NEW.written_by))) THEN
    RAISE EXCEPTION 'family_voice: the writer is neither the child nor a guardian' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER family_voice_only_by_family BEFORE INSERT OR UPDATE OR DELETE ON family_voice
  FOR EACH ROW EXECUTE FUNCTION family_voice_only_by_family();

-- The family's answer to a plan version: approved, or a comment (the plan is not changed without
-- the person's approval, and its absence is recorded by there being no row).
CREATE TABLE plan_approvals (
  county       char(2) NOT NULL,
  id           uuid NOT NULL,
  plan_id      uuid NOT NULL,
  version_no   int NOT NULL,
  person_id    uuid NOT NULL,
  role         text NOT NULL CHECK (role IN ('child', 'guardian')),
  decision     text NOT NULL CHECK (decision IN ('approved', 'commented')),
  comment      text CHECK (comment IS NULL OR length(comment) <= 4000),
  decided_at   timestamptz NOT NULL,
  PRIMARY KEY (county, id),
  UNIQUE (county, plan_id, version_no, person_id),
  FOREIGN KEY (county, plan_id, version_no) REFERENCES plan_versions (county, plan_id, version_no),
  FOREIGN KEY (county, person_id) REFERENCES persons (county, id),
  CHECK (decision = 'approved' OR length(trim(coalesce(comment, ''))) > 0)
);

-- A short survey after each meeting, read by the key figures of internal control (SIP.md §5).
-- The column names are read by the key figures: keep them.
CREATE TABLE meeting_surveys (
  county                char(2) NOT NULL,
  id                    uuid NOT NULL,
  plan_id               uuid NOT NULL,
  meeting_id            uuid NOT NULL,
  respondent_person_id  uuid NOT NULL,
  listened              smallint NOT NULL CHECK (listened BETWEEN 1 AND 5),
  clear_who_does_what   smallint NOT NULL CHECK (clear_who_does_what BETWEEN 1 AND 5),
  comment               text CHECK (comment IS NULL OR length(comment) <= 4000),
  answered_at           timestamptz NOT NULL,
  PRIMARY KEY (county, id),
  UNIQUE (county, meeting_id, respondent_person_id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, meeting_id) REFERENCES meetings (county, id),
  FOREIGN KEY (county, respondent_person_id) REFERENCES persons (county, id)
);
CREATE INDEX meeting_surveys_plan ON meeting_surveys (county, plan_id);
