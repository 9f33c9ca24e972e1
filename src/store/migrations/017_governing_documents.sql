-- Knowing each other's mandate (issue 8; SIP.md §5; the Skåne audits' recommendations 1 and 2):
-- the governing documents (framework agreements, local agreements, guidelines, routines), written
-- in the app as sections with headings, versioned and searchable in Swedish; which roles must read
-- each version, and who has; every unit's own description (vem gör vad); and the responsibility
-- guide drawn from the agreements. Organisational data: nothing here is about a child.

CREATE TABLE governing_documents (
  county             char(2) NOT NULL REFERENCES counties,
  id                 uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('framework_agreement', 'local_agreement', 'guideline', 'routine')),
  title              text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
  -- A local agreement's text belongs to the agreement of migration 012 (its steering group, its members).
  local_agreement_id uuid,
  -- Read first by a newcomer: 1 before 2; null when not part of the induction.
  induction_order    int CHECK (induction_order BETWEEN 1 AND 99),
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  UNIQUE (county, title),
  FOREIGN KEY (county, local_agreement_id) REFERENCES local_agreements (county, id),
  CHECK ((kind = 'local_agreement') = (local_agreement_id IS NOT NULL))
);

-- The principals that are party to it (a region, its municipalities). An agreement binds a party
-- only once its own admin has signed (signed_at): one principal's admin cannot bind another. The
-- signed parties' admins publish new versions.
CREATE TABLE governing_document_principals (
  county        char(2) NOT NULL,
  document_id   uuid NOT NULL,
  principal_id  uuid NOT NULL,
  signed_at     timestamptz DEFAULT now(),
  signed_by     uuid,
  PRIMARY KEY (county, document_id, principal_id),
  FOREIGN KEY (county, signed_by) REFERENCES staff (county, id),
  FOREIGN KEY (county, document_id) REFERENCES governing_documents (county, id),
  FOREIGN KEY (county, principal_id) REFERENCES principals (county, id)
);
CREATE INDEX governing_document_principals_principal ON governing_document_principals (county, principal_id);

-- A version is the document's whole text as it was decided. The one in force is the latest whose
-- effective_from has come; a version decided for a later date waits for it.
CREATE TABLE document_versions (
  county          char(2) NOT NULL,
  document_id     uuid NOT NULL,
  version_no      int NOT NULL CHECK (version_no >= 1),
  effective_from  date NOT NULL,
  effective_until date,
  change_summary  text NOT NULL CHECK (length(trim(change_summary)) BETWEEN 1 AND 2000),
  published_at    timestamptz NOT NULL DEFAULT now(),
  published_by    uuid,
  PRIMARY KEY (county, document_id, version_no),
  FOREIGN KEY (county, document_id) REFERENCES governing_documents (county, id),
  FOREIGN KEY (county, published_by) REFERENCES staff (county, id),
  CHECK (effective_until IS NULL OR effective_until >= effective_from)
);

-- The text, one row per heading and what stands under it. The anchor names the paragraph in a link
-- (the invitation step links to the routine's #kallelse); process_step ties a routine's section to
-- the step of the SIP process it governs (context help).
CREATE TABLE document_sections (
  county        char(2) NOT NULL,
  document_id   uuid NOT NULL,
  version_no    int NOT NULL,
  position      int NOT NULL CHECK (position >= 1),
  anchor        text NOT NULL CHECK (anchor ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(anchor) <= 80),
  level         smallint NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 3),
  heading       text NOT NULL CHECK (length(trim(heading)) BETWEEN 1 AND 200),
  body          text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
  process_step  text CHECK (process_step IN ('initiative', 'consent', 'invitation', 'mapping', 'meeting',
                                             'activity_follow_up', 'evaluation', 'follow_up', 'closure')),
  -- Swedish full-text search: the stemmer finds "samordnade" for "samordnad"; headings weigh more.
  search        tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('swedish', heading), 'A') || setweight(to_tsvector('swedish', body), 'B')) STORED,
  PRIMARY KEY (county, document_id, version_no, position),
  UNIQUE (county, document_id, version_no, anchor),
  FOREIGN KEY (county, document_id, version_no) REFERENCES document_versions (county, document_id, version_no)
);
CREATE INDEX document_sections_search ON document_sections USING gin (search);
CREATE INDEX document_sections_step ON document_sections (county, process_step) WHERE process_step IS NOT NULL;

-- Whom a version asks to read it (and confirm): staff of a unit kind, in a role; null means any.
-- A version with no audience is an editorial change that asks nobody again.
CREATE TABLE document_version_audiences (
  county      char(2) NOT NULL,
  document_id uuid NOT NULL,
  version_no  int NOT NULL,
  unit_kind   text CHECK (unit_kind IN (
                'social_services_children', 'school', 'preschool', 'pupil_health', 'child_psychiatry', 'primary_care',
                'habilitation', 'somatic_care', 'care_lss', 'culture_leisure', 'other')),
  role        text CHECK (role IN ('staff', 'manager', 'principal_admin', 'analyst')),
  FOREIGN KEY (county, document_id, version_no) REFERENCES document_versions (county, document_id, version_no)
);
CREATE UNIQUE INDEX document_version_audiences_once
  ON document_version_audiences (county, document_id, version_no, coalesce(unit_kind, ''), coalesce(role, ''));

-- A decided text is not rewritten: a change is a new version. Only the end date of the version a
-- new one replaces is set afterwards.
CREATE FUNCTION governing_text_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published version of a governing document is not changed; publish a new version' USING ERRCODE = 'check_violation';
END $$;
CREATE FUNCTION governing_version_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (NEW.county, NEW.document_id, NEW.version_no, NEW.effective_from, NEW.change_summary, NEW.published_at, NEW.published_by)
         IS NOT DISTINCT FROM (OLD.county, OLD.document_id, OLD.version_no, OLD.effective_from, OLD.change_summary, OLD.published_at, OLD.published_by) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a published version of a governing document is not changed; publish a new version' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER document_versions_fixed BEFORE UPDATE OR DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION governing_version_is_fixed();
CREATE TRIGGER document_sections_fixed BEFORE UPDATE OR DELETE ON document_sections
  FOR EACH ROW EXECUTE FUNCTION governing_text_is_fixed();
CREATE TRIGGER document_version_audiences_fixed BEFORE UPDATE OR DELETE ON document_version_audiences
  FOR EACH ROW EXECUTE FUNCTION governing_text_is_fixed();

-- "I have read this version" (recommendation 1: training in the agreements and routines, followed up).
CREATE TABLE document_acknowledgements (
  county          char(2) NOT NULL,
  staff_id        uuid NOT NULL,
  document_id     uuid NOT NULL,
  version_no      int NOT NULL,
  acknowledged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, staff_id, document_id, version_no),
  FOREIGN KEY (county, staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, document_id, version_no) REFERENCES document_versions (county, document_id, version_no)
);
CREATE INDEX document_acknowledgements_document ON document_acknowledgements (county, document_id, version_no);

-- The unit directory (vem gör vad, recommendation 2): what the unit is for, what it can offer,
-- the law it works under, how to reach it and who there may call a SIP. Kept by the unit's manager
-- or its principal's admin.
CREATE TABLE unit_profiles (
  county            char(2) NOT NULL,
  unit_id           uuid NOT NULL,
  mandate           text NOT NULL DEFAULT '' CHECK (length(mandate) <= 4000),
  offers            text[] NOT NULL DEFAULT '{}' CHECK (cardinality(offers) <= 50),
  laws              text[] NOT NULL DEFAULT '{}'
                    CHECK (laws <@ ARRAY['SoL', 'HSL', 'skollagen', 'LSS', 'LVU', 'PSL', 'LPT']::text[]),
  who_may_initiate  text NOT NULL DEFAULT '' CHECK (length(who_may_initiate) <= 2000),
  phone             text CHECK (length(phone) <= 40),
  email             text CHECK (length(email) <= 254),
  address           text CHECK (length(address) <= 400),
  hours             text CHECK (length(hours) <= 400),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        uuid,
  version           int NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (county, unit_id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, updated_by) REFERENCES staff (county, id)
);

-- The responsibility guide: which principal answers for which kind of need or intervention, as an
-- agreement says (the source is always named, down to its paragraph).
CREATE TABLE responsibility_entries (
  county          char(2) NOT NULL,
  id              uuid NOT NULL,
  need            text NOT NULL CHECK (length(trim(need)) BETWEEN 1 AND 200),
  keywords        text NOT NULL DEFAULT '' CHECK (length(keywords) <= 1000),
  life_area       text CHECK (life_area IN ('safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included')),
  principal_kind  text NOT NULL CHECK (principal_kind IN ('region', 'municipality')),
  unit_kind       text CHECK (unit_kind IN (
                    'social_services_children', 'school', 'preschool', 'pupil_health', 'child_psychiatry', 'primary_care',
                    'habilitation', 'somatic_care', 'care_lss', 'culture_leisure', 'other')),
  responsibility  text NOT NULL CHECK (length(trim(responsibility)) BETWEEN 1 AND 2000),
  document_id     uuid NOT NULL,
  anchor          text,
  search          tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('swedish', need), 'A') || setweight(to_tsvector('swedish', keywords), 'A')
                    || setweight(to_tsvector('swedish', responsibility), 'B')) STORED,
  version         int NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, document_id) REFERENCES governing_documents (county, id)
);
-- One entry per need and principal kind, whatever the case ("ADHD-utredning" is "adhd-utredning").
CREATE UNIQUE INDEX responsibility_entries_need ON responsibility_entries (county, lower(need), principal_kind);
CREATE INDEX responsibility_entries_search ON responsibility_entries USING gin (search);
