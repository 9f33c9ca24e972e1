-- The audit trail: every access to personal data, read or write, allowed or denied, written in
-- the same transaction as the access (patientdatalagen 2008:355 4 kap 3 §; SoL's equivalent in
-- SOSFS 2011:9 / HSLF-FS 2016:40). Shaped like FHIR AuditEvent: action C/R/U/D/E, recorded,
-- outcome, agent (who, unit, address), entity (plan, person).
--
-- Append-only: UPDATE, DELETE and TRUNCATE are refused. Each row is hash-chained to the previous
-- row of its county, so that an alteration made around the triggers (by a superuser) is found by
-- `samplan audit verify`.

CREATE TABLE audit_events (
  county              char(2) NOT NULL,
  seq                 bigint NOT NULL CHECK (seq >= 1),
  recorded_at         timestamptz NOT NULL,
  actor_kind          text NOT NULL CHECK (actor_kind IN ('staff', 'citizen', 'system')),
  actor_id            uuid,
  actor_unit_id       uuid,
  actor_role          text,
  action              char(1) NOT NULL CHECK (action IN ('C', 'R', 'U', 'D', 'E')),
  event               text NOT NULL,
  plan_id             uuid,
  person_id           uuid,
  outcome             text NOT NULL CHECK (outcome IN ('success', 'denied', 'not_found')),
  network_address     text,
  protected_identity  boolean NOT NULL DEFAULT false,
  detail              jsonb NOT NULL DEFAULT '{}',
  prev_hash           bytea NOT NULL,
  hash                bytea NOT NULL,
  PRIMARY KEY (county, seq)
);
CREATE INDEX audit_events_person ON audit_events (county, person_id, recorded_at) WHERE person_id IS NOT NULL;
CREATE INDEX audit_events_plan ON audit_events (county, plan_id, recorded_at) WHERE plan_id IS NOT NULL;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The head of each county's chain. Updating it serialises appends within one county only.
CREATE TABLE audit_chain_heads (
  county  char(2) PRIMARY KEY REFERENCES counties,
  seq     bigint NOT NULL,
  hash    bytea NOT NULL
);

CREATE FUNCTION audit_chain_for_new_county() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_chain_heads (county, seq, hash) VALUES (NEW.county, 0, decode(repeat('00', 32), 'hex'));
  RETURN NEW;
END $$;
CREATE TRIGGER counties_audit_chain AFTER INSERT ON counties
  FOR EACH ROW EXECUTE FUNCTION audit_chain_for_new_county();

-- The canonical text a row's hash covers. Time as microseconds since the epoch, so that the
-- session's TimeZone cannot change the text.
CREATE FUNCTION audit_canonical(e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(e.county, e.seq, (extract(epoch FROM e.recorded_at) * 1000000)::bigint,
    e.actor_kind, e.actor_id, e.actor_unit_id, e.actor_role, e.action, e.event, e.plan_id,
    e.person_id, e.outcome, e.network_address, e.protected_identity, e.detail)::text
$$;

-- Appends events (a JSON array of rows without seq and hashes) to their counties' chains.
CREATE FUNCTION audit_append(events jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ev jsonb;
  r audit_events;
BEGIN
  -- Counties in a fixed order, so that two appends never wait for each other's heads (no deadlock).
  FOR ev IN SELECT value FROM jsonb_array_elements(events) WITH ORDINALITY AS e(value, n) ORDER BY value->>'county', n LOOP
    r := jsonb_populate_record(NULL::audit_events, ev);
    r.recorded_at := coalesce(r.recorded_at, clock_timestamp());
    r.detail := coalesce(r.detail, '{}'::jsonb);
    r.protected_identity := coalesce(r.protected_identity, false);
    SELECT h.seq + 1, h.hash INTO r.seq, r.prev_hash FROM audit_chain_heads h WHERE h.county = r.county FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'no audit chain for county %', r.county USING ERRCODE = 'foreign_key_violation';
    END IF;
    r.hash := sha256(r.prev_hash || convert_to(audit_canonical(r), 'UTF8'));
    INSERT INTO audit_events SELECT r.*;
    UPDATE audit_chain_heads SET seq = r.seq, hash = r.hash WHERE county = r.county;
  END LOOP;
END $$;

-- The first row, per county, whose hash, link or number does not hold; and heads that do not
-- match their chain's last row (rows removed from the end).
CREATE FUNCTION audit_verify() RETURNS TABLE (county char(2), seq bigint, problem text) LANGUAGE sql STABLE AS $$
  WITH checked AS (
    SELECT e.county, e.seq,
      e.hash = sha256(e.prev_hash || convert_to(audit_canonical(e), 'UTF8')) AS content_ok,
      e.prev_hash = coalesce(lag(e.hash) OVER w, decode(repeat('00', 32), 'hex')) AS link_ok,
      e.seq = coalesce(lag(e.seq) OVER w, 0) + 1 AS seq_ok
    FROM audit_events e
    WINDOW w AS (PARTITION BY e.county ORDER BY e.seq)
  ), broken AS (
    SELECT DISTINCT ON (c.county) c.county, c.seq,
      CASE WHEN NOT c.seq_ok THEN 'missing_rows_before' WHEN NOT c.content_ok THEN 'content_altered' ELSE 'link_broken' END AS problem
    FROM checked c WHERE NOT (c.content_ok AND c.link_ok AND c.seq_ok)
    ORDER BY c.county, c.seq
  ), tails AS (
    SELECT h.county, h.seq, 'head_mismatch'::text AS problem
    FROM audit_chain_heads h
    LEFT JOIN LATERAL (SELECT e.seq, e.hash FROM audit_events e WHERE e.county = h.county ORDER BY e.seq DESC LIMIT 1) last ON true
    WHERE coalesce(last.seq, 0) <> h.seq OR coalesce(last.hash, decode(repeat('00', 32), 'hex')) <> h.hash
  )
  SELECT * FROM broken
  UNION ALL
  SELECT * FROM tails WHERE tails.county NOT IN (SELECT b.county FROM broken b)
  ORDER BY 1, 2
$$;
