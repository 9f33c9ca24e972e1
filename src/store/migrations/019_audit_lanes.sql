-- The audit chain in lanes (docs/decisions/0011-audit-chain-lanes.md).
--
-- Until now each county had one chain: every audited access in a county updated the same head row
-- and held it until its commit, so that appends in one county ran one at a time, each waiting for
-- the previous one's WAL flush. With 64 readers that was a fifth of the plan read's throughput, and
-- it caps a large county (Skåne, Stockholm) on any machine.
--
-- Now each county's chain runs in 16 lanes. A row is hash-chained to the previous row of its
-- county and lane, exactly as before within one chain, and `audit_verify()` checks every lane.
-- An append takes the first lane no other transaction is appending to (an advisory lock, starting
-- from a lane given by the connection), so appends in one county wait for each other only when all
-- 16 lanes are busy. A transaction's rows stay in one lane, in order.
--
-- seq is now one sequence for all counties: unique, increasing in the order rows are appended
-- (within a lane strictly, since the lane is held while seq is drawn), no longer gapless. A gap in
-- seq proves nothing (a rolled-back access takes its row with it); what proves a removal is the
-- link: a row whose prev_hash is not the hash of the row before it in its lane, or a head that does
-- not point at its lane's last row.
--
-- The rows written before this migration are lane 0, and lane 0 continues their chain.

ALTER TABLE audit_events ADD COLUMN lane smallint NOT NULL DEFAULT 0 CHECK (lane BETWEEN 0 AND 15);

ALTER TABLE audit_chain_heads ADD COLUMN lane smallint NOT NULL DEFAULT 0 CHECK (lane BETWEEN 0 AND 15);
ALTER TABLE audit_chain_heads DROP CONSTRAINT audit_chain_heads_pkey;
ALTER TABLE audit_chain_heads ADD PRIMARY KEY (county, lane);
INSERT INTO audit_chain_heads (county, lane, seq, hash)
SELECT h.county, l.lane, 0, decode(repeat('00', 32), 'hex')
FROM audit_chain_heads h CROSS JOIN generate_series(1, 15) AS l(lane)
WHERE h.lane = 0;

CREATE SEQUENCE audit_events_seq;
SELECT setval('audit_events_seq', (SELECT coalesce(max(seq), 0) + 1 FROM audit_events), false);

CREATE OR REPLACE FUNCTION audit_chain_for_new_county() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_chain_heads (county, lane, seq, hash)
  SELECT NEW.county, l.lane, 0, decode(repeat('00', 32), 'hex') FROM generate_series(0, 15) AS l(lane);
  RETURN NEW;
END $$;

-- Appends one event to a lane of its county's chain. The lane is held (advisory lock, and the
-- head row's lock from the UPDATE) until the transaction ends, so that the lane's rows are chained
-- in the order they commit. A transaction's later rows in the county go to the lane it already
-- holds (remembered in a setting local to the transaction).
CREATE OR REPLACE FUNCTION audit_append_one(p_county char(2), p_actor_kind text, p_actor_id uuid, p_actor_unit_id uuid,
  p_actor_role text, p_action char(1), p_event text, p_plan_id uuid, p_person_id uuid, p_outcome text,
  p_network_address text, p_protected_identity boolean, p_detail jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_at timestamptz := clock_timestamp();
  v_start int := pg_backend_pid() % 16;
  v_county_key int;
  v_lane int;
  v_seq bigint;
  v_prev bytea;
  v_hash bytea;
BEGIN
  IF p_county !~ '^[0-9]{2}$' THEN
    RETURN NULL;
  END IF;
  v_county_key := p_county::int * 16;
  v_lane := coalesce(nullif(current_setting('samplan.audit_lane_' || p_county, true), '')::int, v_start);
  v_start := v_lane;
  -- 1396788289 = 'SALA' (Samplan audit lane): the key space of these locks.
  WHILE NOT pg_try_advisory_xact_lock(1396788289, v_county_key + v_lane) LOOP
    v_lane := (v_lane + 1) % 16;
    IF v_lane = v_start THEN
      -- Every lane is busy: wait for the first one.
      PERFORM pg_advisory_xact_lock(1396788289, v_county_key + v_lane);
      EXIT;
    END IF;
  END LOOP;
  PERFORM set_config('samplan.audit_lane_' || p_county, v_lane::text, true);
  v_seq := nextval('audit_events_seq');
  UPDATE audit_chain_heads h SET seq = v_seq, prev_hash = h.hash,
    -- audit_canonical() written out: called from PL/pgSQL, that SQL function was parsed and
    -- planned again in every transaction, a third of the cost of an append. audit_verify() still
    -- uses audit_canonical(), so any difference between the two texts would fail verification.
    hash = sha256(h.hash || convert_to(ROW(p_county, v_seq, (extract(epoch FROM v_at) * 1000000)::bigint, p_actor_kind,
      p_actor_id, p_actor_unit_id, p_actor_role, p_action, p_event, p_plan_id, p_person_id, p_outcome, p_network_address,
      p_protected_identity, p_detail)::text, 'UTF8'))
  WHERE h.county = p_county AND h.lane = v_lane
  RETURNING h.prev_hash, h.hash INTO v_prev, v_hash;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO audit_events (county, seq, lane, recorded_at, actor_kind, actor_id, actor_unit_id, actor_role, action, event,
    plan_id, person_id, outcome, network_address, protected_identity, detail, prev_hash, hash)
  VALUES (p_county, v_seq, v_lane, v_at, p_actor_kind, p_actor_id, p_actor_unit_id, p_actor_role, p_action, p_event,
    p_plan_id, p_person_id, p_outcome, p_network_address, p_protected_identity, p_detail, v_prev, v_hash);
  RETURN v_seq;
END $$;

-- The first row, per county and lane, whose hash or link does not hold; and heads that do not
-- point at their lane's last row (rows removed from the end). A row removed from the middle shows
-- as the next row's broken link, as does a row given a hash that matches its altered content
-- (the next row was chained to the original).
CREATE OR REPLACE FUNCTION audit_verify() RETURNS TABLE (county char(2), seq bigint, problem text) LANGUAGE sql STABLE AS $$
  WITH checked AS (
    SELECT e.county, e.lane, e.seq, e.hash,
      e.hash = sha256(e.prev_hash || convert_to(audit_canonical(e.county, e.seq, e.recorded_at, e.actor_kind, e.actor_id,
        e.actor_unit_id, e.actor_role, e.action, e.event, e.plan_id, e.person_id, e.outcome, e.network_address,
        e.protected_identity, e.detail), 'UTF8')) AS content_ok,
      e.prev_hash = coalesce(lag(e.hash) OVER w, decode(repeat('00', 32), 'hex')) AS link_ok,
      lead(e.seq) OVER w IS NULL AS is_last
    FROM audit_events e
    WINDOW w AS (PARTITION BY e.county, e.lane ORDER BY e.seq)
  ), broken AS (
    SELECT DISTINCT ON (c.county, c.lane) c.county, c.lane, c.seq,
      CASE WHEN NOT c.content_ok THEN 'content_altered' ELSE 'link_broken' END AS problem
    FROM checked c WHERE NOT (c.content_ok AND c.link_ok)
    ORDER BY c.county, c.lane, c.seq
  ), tails AS (
    SELECT h.county, h.lane, h.seq, 'head_mismatch'::text AS problem
    FROM audit_chain_heads h
    LEFT JOIN checked last ON last.county = h.county AND last.lane = h.lane AND last.is_last
    WHERE coalesce(last.seq, 0) <> h.seq OR coalesce(last.hash, decode(repeat('00', 32), 'hex')) <> h.hash
  )
  SELECT b.county, b.seq, b.problem FROM broken b
  UNION ALL
  SELECT t.county, t.seq, t.problem FROM tails t
  WHERE NOT EXISTS (SELECT 1 FROM broken b WHERE b.county = t.county AND b.lane = t.lane)
  ORDER BY 1, 2
$$;
