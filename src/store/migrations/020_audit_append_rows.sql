-- Appending many audit rows in one call (docs/decisions/0012-coalesced-plan-reads.md).
--
-- The chain itself is unchanged (decisions 0003 and 0011): a row is hash-chained to the previous
-- row of its county and lane, over the same canonical text, and audit_verify() checks it as
-- before. What changes is the work per row when a statement appends many (the coalesced plan
-- reads): each county's lane is taken and its head read once, the head is written once at the
-- end instead of once per row (every UPDATE of the head left a row version behind), and the rows
-- go in with one INSERT. audit_append_one() and audit_append() now call this function, so that the
-- way a lane is taken and a row is chained is written in one place.
--
-- Rows are appended in the order given. Callers give them sorted by county, so that two
-- transactions always take the lanes of several counties in the same order and cannot wait for
-- each other in a circle; unsorted rows are still chained correctly.
CREATE FUNCTION audit_append_rows(p_ref bigint[], p_county char(2)[], p_actor_kind text[], p_actor_id uuid[],
  p_actor_unit_id uuid[], p_actor_role text[], p_action char(1)[], p_event text[], p_plan_id uuid[], p_person_id uuid[],
  p_outcome text[], p_network_address text[], p_protected_identity boolean[], p_detail jsonb[])
RETURNS TABLE (ref bigint, seq bigint) LANGUAGE plpgsql AS $$
DECLARE
  n int := coalesce(array_length(p_ref, 1), 0);
  k int;
  v_county char(2);
  v_lane int;
  v_start int;
  v_key int;
  v_seq bigint;
  v_at timestamptz;
  v_prev bytea;
  v_hash bytea;
  o_seq bigint[] := '{}';
  o_lane smallint[] := '{}';
  o_at timestamptz[] := '{}';
  o_prev bytea[] := '{}';
  o_hash bytea[] := '{}';
BEGIN
  FOR k IN 1..n LOOP
    IF k = 1 OR v_county IS DISTINCT FROM p_county[k] THEN
      IF k > 1 THEN
        UPDATE audit_chain_heads h SET seq = v_seq, prev_hash = v_prev, hash = v_hash WHERE h.county = v_county AND h.lane = v_lane;
      END IF;
      v_county := p_county[k];
      IF v_county IS NULL OR v_county !~ '^[0-9]{2}$' THEN
        RAISE EXCEPTION 'no audit chain for county %', v_county USING ERRCODE = 'foreign_key_violation';
      END IF;
      -- The lane this transaction already holds in the county, or the first free one from a lane
      -- given by the connection (decision 0011). 1396788289 = 'SALA' (Samplan audit lane): the
      -- key space of these locks. The lane is held until the transaction ends.
      v_key := v_county::int * 16;
      v_lane := coalesce(nullif(current_setting('samplan.audit_lane_' || v_county, true), '')::int, pg_backend_pid() % 16);
      v_start := v_lane;
      WHILE NOT pg_try_advisory_xact_lock(1396788289, v_key + v_lane) LOOP
        v_lane := (v_lane + 1) % 16;
        IF v_lane = v_start THEN
          -- Every lane is busy: wait for the first one.
          PERFORM pg_advisory_xact_lock(1396788289, v_key + v_lane);
          EXIT;
        END IF;
      END LOOP;
      PERFORM set_config('samplan.audit_lane_' || v_county, v_lane::text, true);
      SELECT h.hash INTO v_hash FROM audit_chain_heads h WHERE h.county = v_county AND h.lane = v_lane FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'no audit chain for county %', v_county USING ERRCODE = 'foreign_key_violation';
      END IF;
    END IF;
    v_at := clock_timestamp();
    v_seq := nextval('audit_events_seq');
    v_prev := v_hash;
    -- audit_canonical() written out (decision 0011: called from PL/pgSQL it was planned again in
    -- every transaction). audit_verify() uses audit_canonical(), so any difference would show.
    v_hash := sha256(v_prev || convert_to(ROW(v_county, v_seq, (extract(epoch FROM v_at) * 1000000)::bigint, p_actor_kind[k],
      p_actor_id[k], p_actor_unit_id[k], p_actor_role[k], p_action[k], p_event[k], p_plan_id[k], p_person_id[k], p_outcome[k],
      p_network_address[k], p_protected_identity[k], p_detail[k])::text, 'UTF8'));
    o_seq[k] := v_seq;
    o_lane[k] := v_lane;
    o_at[k] := v_at;
    o_prev[k] := v_prev;
    o_hash[k] := v_hash;
  END LOOP;
  IF n > 0 THEN
    UPDATE audit_chain_heads h SET seq = v_seq, prev_hash = v_prev, hash = v_hash WHERE h.county = v_county AND h.lane = v_lane;
    INSERT INTO audit_events (county, seq, lane, recorded_at, actor_kind, actor_id, actor_unit_id, actor_role, action, event,
      plan_id, person_id, outcome, network_address, protected_identity, detail, prev_hash, hash)
    SELECT * FROM unnest(p_county, o_seq, o_lane, o_at, p_actor_kind, p_actor_id, p_actor_unit_id, p_actor_role, p_action,
      p_event, p_plan_id, p_person_id, p_outcome, p_network_address, p_protected_identity, p_detail, o_prev, o_hash);
  END IF;
  RETURN QUERY SELECT u.ref, u.seq FROM unnest(p_ref, o_seq) AS u(ref, seq);
END $$;

-- One row, for statements that append in passing. PL/pgSQL, so that its query is planned once
-- per connection. Raises, as audit_append() always did, for a county without a chain.
CREATE OR REPLACE FUNCTION audit_append_one(p_county char(2), p_actor_kind text, p_actor_id uuid, p_actor_unit_id uuid,
  p_actor_role text, p_action char(1), p_event text, p_plan_id uuid, p_person_id uuid, p_outcome text,
  p_network_address text, p_protected_identity boolean, p_detail jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT r.seq FROM audit_append_rows(ARRAY[1::bigint], ARRAY[p_county], ARRAY[p_actor_kind], ARRAY[p_actor_id],
    ARRAY[p_actor_unit_id], ARRAY[p_actor_role], ARRAY[p_action], ARRAY[p_event], ARRAY[p_plan_id], ARRAY[p_person_id],
    ARRAY[p_outcome], ARRAY[p_network_address], ARRAY[p_protected_identity], ARRAY[p_detail]) r);
END $$;

-- Events as a JSON array of rows without seq and hashes (src/store/audit.ts), in county order.
CREATE OR REPLACE FUNCTION audit_append(events jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  a record;
BEGIN
  SELECT array_agg(x.n ORDER BY e.county, x.n) AS ref, array_agg(e.county ORDER BY e.county, x.n) AS county,
    array_agg(e.actor_kind ORDER BY e.county, x.n) AS actor_kind, array_agg(e.actor_id ORDER BY e.county, x.n) AS actor_id,
    array_agg(e.actor_unit_id ORDER BY e.county, x.n) AS actor_unit_id, array_agg(e.actor_role ORDER BY e.county, x.n) AS actor_role,
    array_agg(e.action ORDER BY e.county, x.n) AS action, array_agg(e.event ORDER BY e.county, x.n) AS event,
    array_agg(e.plan_id ORDER BY e.county, x.n) AS plan_id, array_agg(e.person_id ORDER BY e.county, x.n) AS person_id,
    array_agg(e.outcome ORDER BY e.county, x.n) AS outcome, array_agg(e.network_address ORDER BY e.county, x.n) AS network_address,
    array_agg(coalesce(e.protected_identity, false) ORDER BY e.county, x.n) AS protected_identity,
    array_agg(coalesce(e.detail, '{}'::jsonb) ORDER BY e.county, x.n) AS detail
  INTO a
  FROM jsonb_array_elements(events) WITH ORDINALITY AS x(value, n), jsonb_populate_record(NULL::audit_events, x.value) e;
  PERFORM audit_append_rows(a.ref, a.county, a.actor_kind, a.actor_id, a.actor_unit_id, a.actor_role, a.action, a.event,
    a.plan_id, a.person_id, a.outcome, a.network_address, a.protected_identity, a.detail);
END $$;
