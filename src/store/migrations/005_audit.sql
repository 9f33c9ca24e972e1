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
  county     char(2) PRIMARY KEY REFERENCES counties,
  seq        bigint NOT NULL,
  hash       bytea NOT NULL,
  -- The hash before the last append: lets one UPDATE advance the head and report the link.
  prev_hash  bytea
);

CREATE FUNCTION audit_chain_for_new_county() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_chain_heads (county, seq, hash) VALUES (NEW.county, 0, decode(repeat('00', 32), 'hex'));
  RETURN NEW;
END $$;
CREATE TRIGGER counties_audit_chain AFTER INSERT ON counties
  FOR EACH ROW EXECUTE FUNCTION audit_chain_for_new_county();

-- The canonical text a row's hash covers: the row's fields as a record literal (uuid, boolean
-- and jsonb print canonically). Time as microseconds since the epoch, so that the session's
-- TimeZone cannot change the text.
CREATE FUNCTION audit_canonical(county char(2), seq bigint, recorded_at timestamptz, actor_kind text,
  actor_id uuid, actor_unit_id uuid, actor_role text, action char(1), event text, plan_id uuid,
  person_id uuid, outcome text, network_address text, protected_identity boolean, detail jsonb)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(county, seq, (extract(epoch FROM recorded_at) * 1000000)::bigint, actor_kind, actor_id,
    actor_unit_id, actor_role, action, event, plan_id, person_id, outcome, network_address,
    protected_identity, detail)::text
$$;

-- Appends one event to its county's chain: one UPDATE of the head (which locks it until commit,
-- so appends in one county are serialised and counties stay independent) and one INSERT.
-- PL/pgSQL, not SQL: its statements are planned once per connection, not at every call.
CREATE FUNCTION audit_append_one(p_county char(2), p_actor_kind text, p_actor_id uuid, p_actor_unit_id uuid,
  p_actor_role text, p_action char(1), p_event text, p_plan_id uuid, p_person_id uuid, p_outcome text,
  p_network_address text, p_protected_identity boolean, p_detail jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_at timestamptz := clock_timestamp();
  v_seq bigint;
  v_prev bytea;
  v_hash bytea;
BEGIN
  UPDATE audit_chain_heads h SET seq = h.seq + 1, prev_hash = h.hash,
    hash = sha256(h.hash || convert_to(audit_canonical(p_county, h.seq + 1, v_at, p_actor_kind, p_actor_id,
      p_actor_unit_id, p_actor_role, p_action, p_event, p_plan_id, p_person_id, p_outcome, p_network_address,
      p_protected_identity, p_detail), 'UTF8'))
  WHERE h.county = p_county
  RETURNING h.seq, h.prev_hash, h.hash INTO v_seq, v_prev, v_hash;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO audit_events (county, seq, recorded_at, actor_kind, actor_id, actor_unit_id, actor_role, action, event,
    plan_id, person_id, outcome, network_address, protected_identity, detail, prev_hash, hash)
  VALUES (p_county, v_seq, v_at, p_actor_kind, p_actor_id, p_actor_unit_id, p_actor_role, p_action, p_event,
    p_plan_id, p_person_id, p_outcome, p_network_address, p_protected_identity, p_detail, v_prev, v_hash);
  RETURN v_seq;
END $$;

-- Appends events (a JSON array of rows without seq and hashes) to their counties' chains.
CREATE FUNCTION audit_append(events jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
  seq bigint;
BEGIN
  -- Counties in a fixed order, so that two appends never wait for each other's heads (no deadlock).
  FOR r IN SELECT (jsonb_populate_record(NULL::audit_events, x.value)).*
    FROM jsonb_array_elements(events) WITH ORDINALITY AS x(value, n) ORDER BY x.value->>'county', x.n LOOP
    seq := audit_append_one(r.county, r.actor_kind, r.actor_id, r.actor_unit_id, r.actor_role, r.action, r.event,
      r.plan_id, r.person_id, r.outcome, r.network_address, coalesce(r.protected_identity, false), coalesce(r.detail, '{}'::jsonb));
    IF seq IS NULL THEN
      RAISE EXCEPTION 'no audit chain for county %', r.county USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
END $$;

-- The first row, per county, whose hash, link or number does not hold; and heads that do not
-- match their chain's last row (rows removed from the end).
CREATE FUNCTION audit_verify() RETURNS TABLE (county char(2), seq bigint, problem text) LANGUAGE sql STABLE AS $$
  WITH checked AS (
    SELECT e.county, e.seq,
      e.hash = sha256(e.prev_hash || convert_to(audit_canonical(e.county, e.seq, e.recorded_at, e.actor_kind, e.actor_id,
        e.actor_unit_id, e.actor_role, e.action, e.event, e.plan_id, e.person_id, e.outcome, e.network_address,
        e.protected_identity, e.detail), 'UTF8')) AS content_ok,
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
