-- The process of Skåne's SIP routine (2020): kallelse → kartläggning → möte → plan
-- (mål, insatser, åtgärder av annan) → aktivitetsuppföljning → utvärdering → uppföljning → avslut.

-- Kallelse: purpose, a clear question, time, place or video link, invitees, meeting leader.
CREATE TABLE invitations (
  county             char(2) NOT NULL,
  id                 uuid NOT NULL,
  plan_id            uuid NOT NULL,
  purpose            text NOT NULL CHECK (length(trim(purpose)) > 0),
  question           text NOT NULL CHECK (length(trim(question)) > 0),
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz NOT NULL,
  place              text,
  video_link         text,
  meeting_leader_id  uuid NOT NULL,
  note_taker_id      uuid,
  sent_by            uuid NOT NULL,
  sent_at            timestamptz NOT NULL DEFAULT now(),
  cancelled_at       timestamptz,
  version            int NOT NULL DEFAULT 1,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, meeting_leader_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, note_taker_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, sent_by) REFERENCES staff (county, id),
  CHECK (ends_at > starts_at),
  CHECK (length(trim(coalesce(place, ''))) > 0 OR coalesce(video_link, '') ~ '^https://')
);
CREATE INDEX invitations_plan ON invitations (county, plan_id);

CREATE TABLE invitees (
  county          char(2) NOT NULL,
  id              uuid NOT NULL,
  invitation_id   uuid NOT NULL,
  plan_id         uuid NOT NULL,
  unit_id         uuid,
  staff_id        uuid,
  person_id       uuid,
  answer          text NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending', 'accepted', 'declined')),
  -- A refusal to take part in a SIP is an exception and its reason is recorded (the routine).
  decline_reason  text,
  answered_at     timestamptz,
  answered_by     uuid,
  version         int NOT NULL DEFAULT 1,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, invitation_id) REFERENCES invitations (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, person_id) REFERENCES persons (county, id),
  CHECK ((unit_id IS NOT NULL) <> (person_id IS NOT NULL)),
  CHECK (answer <> 'declined' OR length(trim(coalesce(decline_reason, ''))) > 0),
  CHECK ((answer = 'pending') = (answered_at IS NULL))
);
CREATE INDEX invitees_unit_pending ON invitees (county, unit_id) WHERE answer = 'pending';

-- Kartläggning: needs by life area. Default areas are the eight wellbeing areas of GIRFEC
-- (Skottlandsmodellen), named in Trelleborg's answer to the audit.
CREATE TABLE needs (
  county       char(2) NOT NULL,
  id           uuid NOT NULL,
  plan_id      uuid NOT NULL,
  life_area    text NOT NULL CHECK (life_area IN ('safe', 'healthy', 'achieving', 'nurtured',
                 'active', 'respected', 'responsible', 'included')),
  description  text NOT NULL CHECK (length(trim(description)) > 0),
  family_view  text,
  child_view   text,
  created_by   uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  removed_at   timestamptz,
  version      int NOT NULL DEFAULT 1,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, created_by) REFERENCES staff (county, id)
);
CREATE INDEX needs_plan ON needs (county, plan_id);

CREATE TABLE meetings (
  county          char(2) NOT NULL,
  id              uuid NOT NULL,
  plan_id         uuid NOT NULL,
  invitation_id   uuid,
  kind            text NOT NULL CHECK (kind IN ('first', 'follow_up')),
  held_at         timestamptz NOT NULL,
  by_video        boolean NOT NULL DEFAULT false,
  -- Barnkonventionen art. 12 (lag 2018:1197): record whether the child took part.
  child_present   boolean NOT NULL,
  notes           text,
  recorded_by     uuid NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, invitation_id) REFERENCES invitations (county, id),
  FOREIGN KEY (county, recorded_by) REFERENCES staff (county, id)
);
CREATE INDEX meetings_plan ON meetings (county, plan_id);

CREATE TABLE meeting_attendance (
  county      char(2) NOT NULL,
  meeting_id  uuid NOT NULL,
  id          uuid NOT NULL,
  unit_id     uuid,
  staff_id    uuid,
  person_id   uuid,
  name        text,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, meeting_id) REFERENCES meetings (county, id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, person_id) REFERENCES persons (county, id),
  CHECK (unit_id IS NOT NULL OR person_id IS NOT NULL OR length(trim(coalesce(name, ''))) > 0)
);

-- Mål: the professional wording and the child's own words side by side.
CREATE TABLE goals (
  county               char(2) NOT NULL,
  id                   uuid NOT NULL,
  plan_id              uuid NOT NULL,
  need_id              uuid,
  professional_wording text NOT NULL CHECK (length(trim(professional_wording)) > 0),
  child_words          text,
  created_by           uuid NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  removed_at           timestamptz,
  version              int NOT NULL DEFAULT 1,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, need_id) REFERENCES needs (county, id),
  FOREIGN KEY (county, created_by) REFERENCES staff (county, id)
);
CREATE INDEX goals_plan ON goals (county, plan_id);

-- Insatser: SoL 2 kap 7 § p. 1–2, which interventions are needed and which principal answers for each.
CREATE TABLE interventions (
  county               char(2) NOT NULL,
  id                   uuid NOT NULL,
  plan_id              uuid NOT NULL,
  goal_id              uuid,
  description          text NOT NULL CHECK (length(trim(description)) > 0),
  principal_id         uuid NOT NULL,
  unit_id              uuid NOT NULL,
  responsible_staff_id uuid NOT NULL,
  starts_on            date NOT NULL,
  due_on               date NOT NULL,
  status               text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'done', 'cancelled')),
  done_on              date,
  created_by           uuid NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  version              int NOT NULL DEFAULT 1,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, goal_id) REFERENCES goals (county, id),
  FOREIGN KEY (county, principal_id) REFERENCES principals (county, id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, responsible_staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, created_by) REFERENCES staff (county, id),
  CHECK (due_on >= starts_on),
  CHECK ((status = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX interventions_plan ON interventions (county, plan_id);
CREATE INDEX interventions_due ON interventions (county, unit_id, due_on) WHERE status IN ('planned', 'ongoing');

-- SoL 2 kap 7 § p. 3: measures taken by someone other than the municipality or the region.
CREATE TABLE measures_by_others (
  county       char(2) NOT NULL,
  id           uuid NOT NULL,
  plan_id      uuid NOT NULL,
  actor        text NOT NULL CHECK (length(trim(actor)) > 0),
  description  text NOT NULL CHECK (length(trim(description)) > 0),
  created_by   uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  removed_at   timestamptz,
  version      int NOT NULL DEFAULT 1,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, created_by) REFERENCES staff (county, id)
);
CREATE INDEX measures_plan ON measures_by_others (county, plan_id);

-- Aktivitetsuppföljning: each responsible actor reports progress on its interventions.
CREATE TABLE activity_reports (
  county           char(2) NOT NULL,
  id               uuid NOT NULL,
  plan_id          uuid NOT NULL,
  intervention_id  uuid NOT NULL,
  status           text NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'cancelled')),
  note             text NOT NULL CHECK (length(trim(note)) > 0),
  reported_by      uuid NOT NULL,
  reported_unit    uuid NOT NULL,
  reported_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, intervention_id) REFERENCES interventions (county, id),
  FOREIGN KEY (county, reported_by) REFERENCES staff (county, id),
  FOREIGN KEY (county, reported_unit) REFERENCES units (county, id)
);
CREATE INDEX activity_reports_plan ON activity_reports (county, plan_id);

-- Uppföljning: a follow-up meeting revises the plan (a new version) and sets the next date.
CREATE TABLE follow_ups (
  county        char(2) NOT NULL,
  id            uuid NOT NULL,
  plan_id       uuid NOT NULL,
  due_on        date NOT NULL,
  held_on       date NOT NULL,
  meeting_id    uuid,
  note          text,
  next_due_on   date NOT NULL,
  new_version   int NOT NULL,
  recorded_by   uuid NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, meeting_id) REFERENCES meetings (county, id),
  FOREIGN KEY (county, recorded_by) REFERENCES staff (county, id),
  CHECK (next_due_on > held_on)
);
CREATE INDEX follow_ups_plan ON follow_ups (county, plan_id);

-- Utvärdering: per goal, reached or not, with the child's and the guardians' view.
CREATE TABLE evaluations (
  county        char(2) NOT NULL,
  id            uuid NOT NULL,
  plan_id       uuid NOT NULL,
  round         int NOT NULL CHECK (round >= 1),
  goal_id       uuid NOT NULL,
  outcome       text NOT NULL CHECK (outcome IN ('reached', 'partly_reached', 'not_reached')),
  comment       text,
  child_view    text,
  guardian_view text,
  is_final      boolean NOT NULL DEFAULT false,
  evaluated_by  uuid NOT NULL,
  evaluated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  UNIQUE (county, plan_id, round, goal_id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, goal_id) REFERENCES goals (county, id),
  FOREIGN KEY (county, evaluated_by) REFERENCES staff (county, id)
);

-- Plan versions: a frozen copy at establishment and at every revision; earlier ones stay readable.
CREATE TABLE plan_versions (
  county       char(2) NOT NULL,
  plan_id      uuid NOT NULL,
  version_no   int NOT NULL CHECK (version_no >= 1),
  content      jsonb NOT NULL,
  reason       text NOT NULL,
  created_by   uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, plan_id, version_no),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, created_by) REFERENCES staff (county, id)
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER plan_versions_append_only BEFORE UPDATE OR DELETE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER plan_versions_no_truncate BEFORE TRUNCATE ON plan_versions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
