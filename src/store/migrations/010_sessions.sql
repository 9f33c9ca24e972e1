-- Server-side sessions (issue 4 item 3). The cookie holds only a random token; the server keeps
-- what it means, so that signing out, an idle timeout or an ended membership ends the session at
-- once and everywhere, and a copied cookie is worthless after that.
--
-- A session is not the data of one county: a staff member's HSA-id may have assignments in more
-- than one region's or municipality's directory, and a citizen's children may have plans in more
-- than one county. So the county here is the county of the assignment acted in (null until one is
-- chosen, and for citizens), named assignment_county because it is not the distribution key:
-- this table stays local to the coordinator (a Citus local table), like schema_migrations.

CREATE TABLE sessions (
  -- SHA-256 (hex) of the cookie's token: someone who reads this table cannot forge a cookie from it.
  token_hash     text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  kind           text NOT NULL CHECK (kind IN ('staff', 'citizen')),
  -- The IdP's `sub`: a pseudonym, never the personal identity number.
  subject        text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  -- Staff: the HSA-id they signed in with; their assignments are looked up by it.
  hsa_id         text CHECK (hsa_id ~ '^[A-Z0-9-]{5,40}$'),
  -- The assignment (medarbetaruppdrag) acted in; all four set together, or none (not yet chosen).
  assignment_county char(2) REFERENCES counties,
  staff_id       uuid,
  unit_id        uuid,
  role           text CHECK (role IN ('staff', 'manager', 'principal_admin', 'analyst')),
  -- Citizens: the name the IdP gave, and the person rows (county, id) that carry their identity
  -- number, found at sign-in. The identity number itself is never stored here.
  display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  person_refs    jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(person_refs) = 'array'),
  -- Sent back by the browser in the X-CSRF-Token header of every state-changing request.
  csrf_token     text NOT NULL CHECK (length(csrf_token) >= 32),
  created_at     timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL,
  -- The absolute timeout: no session outlives this, however active.
  expires_at     timestamptz NOT NULL,
  ended_at       timestamptz,
  ended_reason   text CHECK (ended_reason IN ('signed_out', 'idle', 'replaced', 'staff_inactive')),
  CHECK ((kind = 'staff') = (hsa_id IS NOT NULL)),
  CHECK (kind = 'staff' OR (assignment_county IS NULL AND staff_id IS NULL AND unit_id IS NULL AND role IS NULL)),
  CHECK ((assignment_county IS NULL) = (staff_id IS NULL) AND (staff_id IS NULL) = (unit_id IS NULL) AND (unit_id IS NULL) = (role IS NULL)),
  CHECK (expires_at > created_at),
  CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
);

-- Expired and ended sessions are deleted by age.
CREATE INDEX sessions_expires ON sessions (expires_at);
-- All sessions of a staff member, to end them when they are deactivated.
CREATE INDEX sessions_hsa ON sessions (hsa_id) WHERE hsa_id IS NOT NULL AND ended_at IS NULL;
-- Staff are found by HSA-id at sign-in, across counties.
CREATE INDEX staff_hsa_id ON staff (hsa_id);
