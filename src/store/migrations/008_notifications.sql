-- Notifications (aviseringar): the deadlines of src/domain/deadlines.ts and the meeting
-- invitations reach the right staff member once, in the in-app inbox and, by their choice, by
-- email. The audits found follow-ups not known to happen and interventions dropped at staff
-- turnover (SIP.md §1); a notice that is sent twice is ignored, one that is lost is a missed
-- deadline, so both are ruled out by keys below, not by care in the code.

-- What a county's local agreement (lokal överenskommelse) sets differently from
-- DEFAULT_DEADLINE_RULES, e.g. {"lotsmodellenMaxWorkingDays": null} where Lotsmodellen is not used.
-- Merged over the defaults by the sweep and checked there by checkDeadlineRules.
ALTER TABLE counties ADD COLUMN deadline_rules jsonb NOT NULL DEFAULT '{}'
  CHECK (jsonb_typeof(deadline_rules) = 'object');

-- The kinds of notice, as a reference table (like plan_states) so that a later kind is one INSERT
-- and both notifications and preferences can reference it.
CREATE TABLE notification_kinds (
  kind text PRIMARY KEY
);
INSERT INTO notification_kinds VALUES
  -- The deadline kinds of src/domain/deadlines.ts (DeadlineKind).
  ('follow_up'), ('intervention_due'), ('invitation_unanswered'), ('consent_expiring'),
  ('lotsmodellen_meeting'), ('first_meeting_delayed'),
  -- Meeting invitations (kallelse) as they are sent, changed and cancelled.
  ('invitation_received'), ('invitation_changed'), ('invitation_cancelled');

CREATE TABLE notifications (
  county        char(2) NOT NULL,
  id            uuid NOT NULL,
  recipient_id  uuid NOT NULL,
  plan_id       uuid NOT NULL,
  kind          text NOT NULL REFERENCES notification_kinds,
  -- What the notice is about: a deadline occurrence (Deadline.key: kind, plan, subject, due day)
  -- or an event ('invitation:<id>:<version>'). A moved date is a new occurrence with a new key.
  key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
  -- 'reminder' before or on the day, 'overdue' after it, 'info' for events: at most one notice per
  -- stage, so a deadline is announced once and, if it passes, once more.
  stage         text NOT NULL CHECK (stage IN ('reminder', 'overdue', 'info')),
  due_on        date,
  -- Swedish text naming the plan by its number: never an identity number or the child's name.
  title         text NOT NULL CHECK (length(trim(title)) > 0),
  body          text NOT NULL CHECK (length(trim(body)) > 0),
  -- Where in the web app the recipient acts, e.g. /planer/<planId>/uppfoljning.
  link          text NOT NULL CHECK (link ~ '^/planer/[0-9a-f-]{36}(/[a-z]+)?$'),
  created_at    timestamptz NOT NULL,
  read_at       timestamptz,
  PRIMARY KEY (county, id),
  -- The idempotency key: a sweep run twice, or re-run after a crash, inserts nothing new.
  UNIQUE (county, recipient_id, key, stage),
  FOREIGN KEY (county, recipient_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id)
);
CREATE INDEX notifications_inbox ON notifications (county, recipient_id, id DESC);
CREATE INDEX notifications_unread ON notifications (county, recipient_id) WHERE read_at IS NULL;
CREATE INDEX notifications_plan ON notifications (county, plan_id);

-- The transactional outbox for email: a row is written in the same transaction as its
-- notification, so a committed notice always has its mail queued and a rolled-back one never
-- does. A worker (pg-boss on PostgreSQL, an in-process loop on PGlite) sends it over SMTP.
CREATE TABLE email_outbox (
  county           char(2) NOT NULL,
  id               uuid NOT NULL,
  notification_id  uuid NOT NULL,
  recipient_id     uuid NOT NULL,
  subject          text NOT NULL CHECK (length(trim(subject)) > 0),
  text_body        text NOT NULL,
  -- An iCalendar object (RFC 5545) for meeting invitations and its iTIP method (RFC 5546).
  calendar         text,
  calendar_method  text CHECK (calendar_method IN ('REQUEST', 'CANCEL')),
  -- pending → sending (claimed, until claimed_until) → sent | pending again (retry) | failed
  -- (gave up) | skipped (the recipient has left or has no address).
  status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
  attempts         int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error       text,
  next_attempt_at  timestamptz NOT NULL,
  claimed_until    timestamptz,
  -- When the row was handed to the pg-boss queue (PostgreSQL only).
  queued_at        timestamptz,
  -- The Message-ID the mail went out with (derived from the notification id, so that a mail
  -- sent twice after a crash carries the same id and the receiver can drop the copy).
  message_id       text,
  sent_at          timestamptz,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (county, id),
  UNIQUE (county, notification_id),
  FOREIGN KEY (county, notification_id) REFERENCES notifications (county, id),
  FOREIGN KEY (county, recipient_id) REFERENCES staff (county, id),
  CHECK ((calendar IS NULL) = (calendar_method IS NULL)),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL AND message_id IS NOT NULL)),
  CHECK (status <> 'sending' OR claimed_until IS NOT NULL)
);
-- The worker's question: what is due to be sent (across counties, in the order it became due).
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status IN ('pending', 'sending');

-- Each staff member's choice of which kinds also come by email (the inbox always has all of
-- them, issue 6 item 5). No row: every kind comes by email. The settings row carries the version
-- that a change names (If-Match); the kinds switched off hang on it.
CREATE TABLE notification_settings (
  county      char(2) NOT NULL,
  staff_id    uuid NOT NULL,
  version     int NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (county, staff_id),
  FOREIGN KEY (county, staff_id) REFERENCES staff (county, id)
);
CREATE TABLE notification_email_off (
  county    char(2) NOT NULL,
  staff_id  uuid NOT NULL,
  kind      text NOT NULL REFERENCES notification_kinds,
  PRIMARY KEY (county, staff_id, kind),
  FOREIGN KEY (county, staff_id) REFERENCES notification_settings (county, staff_id)
);

-- Whether a staff member is active and actively serves the unit (an active membership as staff
-- or manager in an active unit): someone who has left is never the one told.
CREATE FUNCTION staff_serves_unit(p_county char(2), p_staff uuid, p_unit uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM memberships m
    JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
    JOIN units u ON u.county = m.county AND u.id = m.unit_id AND u.active
    WHERE m.county = p_county AND m.staff_id = p_staff AND m.unit_id = p_unit AND m.active
      AND m.role IN ('staff', 'manager'))
$$;

-- The unit's active managers (närmaste chef), in id order.
CREATE FUNCTION unit_managers(p_county char(2), p_unit uuid) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT m.staff_id ORDER BY m.staff_id), '{}')
  FROM memberships m
  JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
  JOIN units u ON u.county = m.county AND u.id = m.unit_id AND u.active
  WHERE m.county = p_county AND m.unit_id = p_unit AND m.active AND m.role = 'manager'
$$;

-- Who in an invited unit is told about a kallelse. The routine addresses the invitation to the
-- unit (verksamheten), which sends the competence the question calls for. So: the named person
-- when the invitation or the plan names one and that person still serves the unit; otherwise the
-- unit's managers, who decide who goes; in a unit without a manager, its staff.
-- (unit_managers is called once: nullif turns "no managers" into null, and coalesce reads the
-- staff only then.)
CREATE FUNCTION unit_contacts(p_county char(2), p_unit uuid, p_named uuid) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN p_named IS NOT NULL AND staff_serves_unit(p_county, p_named, p_unit) THEN ARRAY[p_named]
    ELSE coalesce(nullif(unit_managers(p_county, p_unit), '{}'),
                  (SELECT coalesce(array_agg(DISTINCT m.staff_id ORDER BY m.staff_id), '{}')
                   FROM memberships m
                   JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
                   JOIN units u ON u.county = m.county AND u.id = m.unit_id AND u.active
                   WHERE m.county = p_county AND m.unit_id = p_unit AND m.active AND m.role = 'staff'))
  END
$$;
