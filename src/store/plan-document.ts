/**
 * The whole plan as one JSON document, read in one statement: the plan, the child and the
 * guardians, participants, consents, invitations, needs, meetings, goals, interventions with
 * their activity reports, measures by others, follow-ups, evaluations, versions and the
 * chronology of state changes.
 *
 * Address and contact details of a person with protected identity are never selected, so they
 * cannot leave the server by mistake further up.
 */
import type { Queryable } from './database.ts';

const CONTACT = (alias: string) => `CASE WHEN ${alias}.protected_identity THEN NULL ELSE ${alias}.address END,
  'phone', CASE WHEN ${alias}.protected_identity THEN NULL ELSE ${alias}.phone END,
  'email', CASE WHEN ${alias}.protected_identity THEN NULL ELSE ${alias}.email END`;

/**
 * The plan document as one json expression over plans p and persons ch (the child), as of the
 * date `today` (an SQL expression: the flags of active consents and overdue interventions).
 */
const documentExpression = (today: string) => `json_build_object(
  'id', p.id, 'planNumber', p.plan_number, 'state', p.state, 'version', p.version,
  'planVersion', p.plan_version, 'reason', p.reason,
  'initiatedAt', p.initiated_at, 'initiatingUnitId', p.initiating_unit_id, 'initiatedBy', p.initiated_by,
  'coordinator', CASE WHEN p.coordinator_staff_id IS NULL THEN NULL ELSE json_build_object(
      'staffId', p.coordinator_staff_id, 'unitId', p.coordinator_unit_id,
      'name', (SELECT s.name FROM staff s WHERE s.county = p.county AND s.id = p.coordinator_staff_id),
      'phone', (SELECT s.phone FROM staff s WHERE s.county = p.county AND s.id = p.coordinator_staff_id),
      'email', (SELECT s.email FROM staff s WHERE s.county = p.county AND s.id = p.coordinator_staff_id)) END,
  'overallPrincipalId', p.overall_principal_id,
  'nextFollowUpOn', p.next_follow_up_on, 'noMeasuresByOthers', p.no_measures_by_others,
  'establishedAt', p.established_at, 'closedAt', p.closed_at, 'closureReason', p.closure_reason,
  'closureNote', p.closure_note, 'cancelReason', p.cancel_reason, 'updatedAt', p.updated_at,
  'youngPersonAccess', p.young_person_access,
  'child', json_build_object('id', ch.id, 'givenName', ch.given_name, 'familyName', ch.family_name,
      'birthDate', ch.birth_date, 'identityKind', ch.identity_kind,
      -- Never the whole number (UI.md: last four digits only on demand); same rule as maskIdentityNumber.
      'identityNumberMasked', CASE WHEN ch.identity_kind = 'reservnummer' THEN left(ch.identity_number, 2) || '****'
                                   ELSE left(ch.identity_number, 8) || '-****' END,
      'protectedIdentity', ch.protected_identity, 'address', ${CONTACT('ch')}),
  'guardians', coalesce((SELECT json_agg(json_build_object('id', g.id, 'givenName', g.given_name,
      'familyName', g.family_name, 'protectedIdentity', g.protected_identity, 'address', ${CONTACT('g')}) ORDER BY g.family_name, g.given_name)
    FROM guardianships gs JOIN persons g ON g.county = gs.county AND g.id = gs.guardian_id
    WHERE gs.county = p.county AND gs.child_id = p.child_id), '[]'),
  'participants', coalesce((SELECT json_agg(json_build_object('id', pp.id, 'kind', pp.kind, 'unitId', pp.unit_id,
      'unitName', u.name, 'unitKind', u.kind, 'principalId', u.principal_id, 'principalName', pr.name,
      'personId', pp.person_id, 'staffId', pp.staff_id, 'staffName', st.name,
      'name', coalesce(pp.name, per.given_name || ' ' || per.family_name), 'roleNote', pp.role_note, 'addedAt', pp.added_at)
      ORDER BY pp.added_at, pp.id)
    FROM plan_participants pp
    LEFT JOIN units u ON u.county = pp.county AND u.id = pp.unit_id
    LEFT JOIN principals pr ON pr.county = u.county AND pr.id = u.principal_id
    LEFT JOIN staff st ON st.county = pp.county AND st.id = pp.staff_id
    LEFT JOIN persons per ON per.county = pp.county AND per.id = pp.person_id
    WHERE pp.county = p.county AND pp.plan_id = p.id AND pp.active), '[]'),
  'consents', coalesce((SELECT json_agg(json_build_object('id', c.id, 'form', c.form, 'givenOn', c.given_on,
      'validFrom', c.valid_from, 'validUntil', c.valid_until, 'excludes', c.excludes, 'sufficient', c.sufficient,
      'recordedBy', c.recorded_by, 'recordedUnitId', c.recorded_unit, 'recordedAt', c.recorded_at,
      'withdrawnAt', c.withdrawn_at, 'withdrawalNote', c.withdrawal_note, 'version', c.version,
      'active', c.withdrawn_at IS NULL AND c.sufficient AND ${today} BETWEEN c.valid_from AND c.valid_until,
      'givers', (SELECT json_agg(json_build_object('personId', cg.person_id, 'role', cg.role, 'stance', cg.stance,
          'refusalReason', cg.refusal_reason) ORDER BY cg.role, cg.person_id)
        FROM consent_givers cg WHERE cg.county = c.county AND cg.consent_id = c.id),
      'unitIds', (SELECT json_agg(cu.unit_id ORDER BY cu.unit_id) FROM consent_units cu WHERE cu.county = c.county AND cu.consent_id = c.id AND cu.withdrawn_at IS NULL),
      -- Units the family took out of this consent (migration 013): no longer covered.
      'withdrawnUnitIds', (SELECT json_agg(cu.unit_id ORDER BY cu.unit_id) FROM consent_units cu WHERE cu.county = c.county AND cu.consent_id = c.id AND cu.withdrawn_at IS NOT NULL))
      ORDER BY c.recorded_at)
    FROM consents c WHERE c.county = p.county AND c.plan_id = p.id), '[]'),
  'invitations', coalesce((SELECT json_agg(json_build_object('id', i.id, 'purpose', i.purpose, 'question', i.question,
      'startsAt', i.starts_at, 'endsAt', i.ends_at, 'place', i.place, 'videoLink', i.video_link,
      'meetingLeaderId', i.meeting_leader_id, 'noteTakerId', i.note_taker_id, 'sentAt', i.sent_at, 'cancelledAt', i.cancelled_at, 'version', i.version,
      'invitees', (SELECT json_agg(json_build_object('id', iv.id, 'unitId', iv.unit_id, 'staffId', iv.staff_id,
          'personId', iv.person_id, 'answer', iv.answer, 'declineReason', iv.decline_reason, 'answeredAt', iv.answered_at,
          'version', iv.version) ORDER BY iv.id)
        FROM invitees iv WHERE iv.county = i.county AND iv.invitation_id = i.id))
      ORDER BY i.sent_at)
    FROM invitations i WHERE i.county = p.county AND i.plan_id = p.id), '[]'),
  'needs', coalesce((SELECT json_agg(json_build_object('id', n.id, 'lifeArea', n.life_area, 'description', n.description,
      'familyView', n.family_view, 'childView', n.child_view, 'version', n.version) ORDER BY n.created_at, n.id)
    FROM needs n WHERE n.county = p.county AND n.plan_id = p.id AND n.removed_at IS NULL), '[]'),
  'meetings', coalesce((SELECT json_agg(json_build_object('id', m.id, 'kind', m.kind, 'heldAt', m.held_at,
      'invitationId', m.invitation_id, 'byVideo', m.by_video, 'childPresent', m.child_present, 'notes', m.notes,
      'attendance', (SELECT json_agg(json_build_object('unitId', a.unit_id, 'staffId', a.staff_id, 'personId', a.person_id, 'name', a.name) ORDER BY a.id)
        FROM meeting_attendance a WHERE a.county = m.county AND a.meeting_id = m.id))
      ORDER BY m.held_at)
    FROM meetings m WHERE m.county = p.county AND m.plan_id = p.id), '[]'),
  'goals', coalesce((SELECT json_agg(json_build_object('id', go.id, 'needId', go.need_id,
      'professionalWording', go.professional_wording, 'childWords', go.child_words, 'version', go.version)
      ORDER BY go.created_at, go.id)
    FROM goals go WHERE go.county = p.county AND go.plan_id = p.id AND go.removed_at IS NULL), '[]'),
  'interventions', coalesce((SELECT json_agg(json_build_object('id', iv.id, 'goalId', iv.goal_id, 'description', iv.description,
      'principalId', iv.principal_id, 'unitId', iv.unit_id, 'responsibleStaffId', iv.responsible_staff_id,
      'responsibleStaffName', rs.name, 'startsOn', iv.starts_on, 'dueOn', iv.due_on, 'status', iv.status,
      'doneOn', iv.done_on, 'overdue', iv.status IN ('planned', 'ongoing') AND iv.due_on < ${today}, 'version', iv.version,
      'reports', (SELECT json_agg(json_build_object('id', ar.id, 'status', ar.status, 'note', ar.note,
          'reportedBy', ar.reported_by, 'reportedUnitId', ar.reported_unit, 'reportedAt', ar.reported_at) ORDER BY ar.reported_at)
        FROM activity_reports ar WHERE ar.county = iv.county AND ar.intervention_id = iv.id))
      ORDER BY iv.starts_on, iv.id)
    FROM interventions iv LEFT JOIN staff rs ON rs.county = iv.county AND rs.id = iv.responsible_staff_id
    WHERE iv.county = p.county AND iv.plan_id = p.id), '[]'),
  'measuresByOthers', coalesce((SELECT json_agg(json_build_object('id', mo.id, 'actor', mo.actor,
      'description', mo.description, 'version', mo.version) ORDER BY mo.created_at, mo.id)
    FROM measures_by_others mo WHERE mo.county = p.county AND mo.plan_id = p.id AND mo.removed_at IS NULL), '[]'),
  'followUps', coalesce((SELECT json_agg(json_build_object('id', f.id, 'dueOn', f.due_on, 'heldOn', f.held_on,
      'heldInTime', f.held_on <= f.due_on, 'note', f.note, 'nextDueOn', f.next_due_on, 'newVersion', f.new_version) ORDER BY f.held_on)
    FROM follow_ups f WHERE f.county = p.county AND f.plan_id = p.id), '[]'),
  'evaluations', coalesce((SELECT json_agg(json_build_object('id', e.id, 'round', e.round, 'goalId', e.goal_id,
      'outcome', e.outcome, 'comment', e.comment, 'childView', e.child_view, 'guardianView', e.guardian_view,
      'isFinal', e.is_final, 'evaluatedAt', e.evaluated_at) ORDER BY e.round, e.evaluated_at)
    FROM evaluations e WHERE e.county = p.county AND e.plan_id = p.id), '[]'),
  'versions', coalesce((SELECT json_agg(json_build_object('versionNo', v.version_no, 'reason', v.reason,
      'createdAt', v.created_at, 'createdBy', v.created_by) ORDER BY v.version_no)
    FROM plan_versions v WHERE v.county = p.county AND v.plan_id = p.id), '[]'),
  -- The child's voice (migration 013): written by the child or a guardian, read-only for staff.
  'familyVoice', coalesce((SELECT json_agg(json_build_object('kind', fv.kind, 'text', fv.text, 'writtenRole', fv.written_role,
      'writtenAt', fv.written_at) ORDER BY fv.kind)
    FROM family_voice fv WHERE fv.county = p.county AND fv.plan_id = p.id), '[]'),
  'approvals', coalesce((SELECT json_agg(json_build_object('versionNo', pa.version_no, 'role', pa.role, 'decision', pa.decision,
      'comment', pa.comment, 'decidedAt', pa.decided_at) ORDER BY pa.version_no, pa.decided_at)
    FROM plan_approvals pa WHERE pa.county = p.county AND pa.plan_id = p.id), '[]'),
  'stateChanges', coalesce((SELECT json_agg(json_build_object('from', sc.from_state, 'to', sc.to_state, 'at', sc.at,
      'byStaffId', sc.by_staff_id, 'byUnitId', sc.by_unit_id, 'note', sc.note) ORDER BY sc.at, sc.id)
    FROM plan_state_changes sc WHERE sc.county = p.county AND sc.plan_id = p.id), '[]')
)`;

export const PLAN_DOCUMENT_SQL = `
SELECT ${documentExpression('$3::date')} AS doc
FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
WHERE p.county = $1 AND p.id = $2`;

/**
 * The columns of one read request, in the order of the read statements' parameters (each an
 * array, one element per request): $1 county, $2 plan id, $3 today, $4 unit id, $5 network
 * address, $6 staff id, $7 role, $8 and $9 the content stamp and day of a copy the caller already
 * holds (then no document is sent: the caller's copy is current).
 */
const REQUEST_COLUMNS = ['county', 'plan_id', 'today', 'unit_id', 'network_address', 'staff_id', 'role', 'held_stamp', 'held_day'] as const;
const REQUEST_TYPES = ['char(2)', 'uuid', 'date', 'uuid', 'text', 'uuid', 'text', 'bigint', 'date'] as const;

/** The requests from array parameters, one element each; i numbers them from 1. */
const MANY_REQUESTS = `SELECT * FROM unnest(${REQUEST_TYPES.map((t, k) => `$${k + 1}::${t}[]`).join(', ')})
    WITH ORDINALITY AS r(${REQUEST_COLUMNS.join(', ')}, i)`;

/** A read request as the statements take it. */
export interface PlanReadRequest {
  county: string;
  planId: string;
  today: string;
  unitId: string;
  networkAddress: string | null;
  staffId: string;
  role: string;
  heldStamp: number;
  heldDay: string;
}

const requestValues = (q: PlanReadRequest): unknown[] =>
  [q.county, q.planId, q.today, q.unitId, q.networkAddress, q.staffId, q.role, q.heldStamp, q.heldDay];

/** The parameters of the read statements for a batch of requests: one array per column. */
export function planReadsParameters(requests: readonly PlanReadRequest[]): unknown[][] {
  const rows = requests.map(requestValues);
  return REQUEST_COLUMNS.map((_, k) => rows.map((row) => row[k]));
}

/**
 * The access facts of the requested plans and each actor's right to read them now: the opening
 * CTEs of both read statements. `facts` are columns over plans p and request r; `guard` is a
 * condition over the columns of `facts` (alias f), request columns included.
 */
const ACCESS_CTES = (requests: string, facts: string, guard: string) => `
WITH facts AS MATERIALIZED (
  SELECT r.i, r.today, r.unit_id, r.network_address, r.staff_id, r.role, r.held_stamp, r.held_day,
    p.county, p.id, p.version, p.state, p.content_stamp, p.child_id, ch.protected_identity, ${facts}
  FROM (${requests}) r
  JOIN plans p ON p.county = r.county AND p.id = r.plan_id
  JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
), allowed AS MATERIALIZED (
  SELECT f.*, f.content_stamp = f.held_stamp AND f.held_day = f.today AS current FROM facts f
  WHERE ${guard}
    AND EXISTS (SELECT 1 FROM memberships m JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
                WHERE m.county = f.county AND m.staff_id = f.staff_id AND m.unit_id = f.unit_id AND m.role = f.role AND m.active)
)`;

/** The columns of a read's audit row that differ from read to read, from the CTE rows (alias a). */
const AUDITED_COLUMNS = ['i', 'county', 'staff_id', 'unit_id', 'role', 'id', 'child_id', 'network_address', 'protected_identity'] as const;

/**
 * The CTE `audited` (ref = request number i, seq): the audit row of every read in `source` that
 * `answered` says is answered, appended in one call (migration 020), in county order.
 */
const AUDIT_READS = (source: string, answered: string) => `audited AS MATERIALIZED (
  SELECT w.ref, w.seq FROM (
    SELECT count(*)::int AS n, ${AUDITED_COLUMNS.map((c) => `array_agg(a.${c} ORDER BY a.county, a.i) AS ${c}`).join(', ')}
    FROM ${source} a WHERE ${answered}
  ) x, LATERAL audit_append_rows(x.i, x.county, array_fill('staff'::text, ARRAY[x.n]), x.staff_id, x.unit_id, x.role,
    array_fill('R'::char(1), ARRAY[x.n]), array_fill('plan.read'::text, ARRAY[x.n]), x.id, x.child_id,
    array_fill('success'::text, ARRAY[x.n]), x.network_address, x.protected_identity, array_fill('{}'::jsonb, ARRAY[x.n])) w
)`;

/**
 * The hot path of reading plans: many read requests in one statement (src/store/coalesce.ts),
 * each with the same access check and audit row as `buildingPlanReadsSql`, but the document only
 * from what is kept (the caller's copy or plan_documents), never built. The statement that can
 * build the document names some twenty more tables; PostgreSQL locks and initialises every one of
 * them on each execution even when the build is skipped, which cost more than the rest of the read
 * together (bench/README.md). So: a request whose kept document is current is audited and
 * answered here (audit_seq set); one whose document is not comes back unaudited (audit_seq null,
 * doc null) and the caller sends it on to `buildingPlanReadsSql`, which builds, keeps, audits and
 * answers in one statement. A request refused comes back as no row; `i` says which request a row
 * answers. The audit rows of all answered requests are appended by one call, in county order, so
 * that two batches take the audit lanes of several counties in the same order and cannot wait
 * for each other's lanes.
 * Parameters: arrays, one element per request, in the order of REQUEST_COLUMNS.
 */
export const keptPlanReadsSql = (facts: string, guard: string) => `${ACCESS_CTES(MANY_REQUESTS, facts, guard)}, answered AS MATERIALIZED (
  SELECT a.*, d.doc FROM allowed a
  LEFT JOIN plan_documents d ON d.county = a.county AND d.plan_id = a.id AND d.stamp = a.content_stamp AND d.day = a.today
    AND NOT a.current
), ${AUDIT_READS('answered', 'a.current OR a.doc IS NOT NULL')}
SELECT a.i, a.version, a.state, a.content_stamp, a.initiating_unit_id, a.participates, a.covered, a.any_consent, a.doc,
  au.seq AS audit_seq
FROM answered a LEFT JOIN audited au ON au.ref = a.i`;

/**
 * Reading plans and auditing the reads as one statement (one transaction, one round trip), when
 * `keptPlanReadsSql` found no current document for them: each request's row comes back, and its
 * audit row is appended, only if at that moment the actor still holds the membership and the unit
 * may read the plan (`guard`, from src/access). The document comes from plan_documents when it
 * carries the plan's current content stamp and today's date; otherwise it is built and stored in
 * the same statement, once per plan however many requests in the batch ask for it. Returned as
 * JSON text, so that it is sent as it is, without being parsed and serialised again. The access
 * facts come back too, so that the caller can check the decision against
 * src/access/plan-permissions.ts.
 * Parameters as in `keptPlanReadsSql`, and `facts` and `guard` too.
 */
export const buildingPlanReadsSql = (facts: string, guard: string) => `${ACCESS_CTES(MANY_REQUESTS, facts, guard)}, needed AS (
  SELECT DISTINCT a.county, a.id, a.content_stamp, a.today FROM allowed a WHERE NOT a.current
), cached AS (
  SELECT n.county, n.id, n.today, d.doc FROM needed n
  JOIN plan_documents d ON d.county = n.county AND d.plan_id = n.id AND d.stamp = n.content_stamp AND d.day = n.today
), built AS (
  SELECT n.county, n.id, n.today, n.content_stamp, ${documentExpression('n.today')}::text AS doc
  FROM needed n JOIN plans p ON p.county = n.county AND p.id = n.id JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
  WHERE NOT EXISTS (SELECT 1 FROM cached c WHERE c.county = n.county AND c.id = n.id AND c.today = n.today)
), stored AS (
  -- One row per plan: ON CONFLICT may not update a row twice in one statement.
  INSERT INTO plan_documents (county, plan_id, stamp, day, doc)
  SELECT DISTINCT ON (b.county, b.id) b.county, b.id, b.content_stamp, b.today, b.doc FROM built b ORDER BY b.county, b.id, b.today DESC
  ON CONFLICT (county, plan_id) DO UPDATE SET stamp = excluded.stamp, day = excluded.day, doc = excluded.doc
    WHERE plan_documents.stamp <= excluded.stamp
), documents AS (
  SELECT c.county, c.id, c.today, c.doc FROM cached c UNION ALL SELECT b.county, b.id, b.today, b.doc FROM built b
), ${AUDIT_READS('allowed', 'true')}
SELECT a.i, a.version, a.state, a.content_stamp, a.initiating_unit_id, a.participates, a.covered, a.any_consent,
  d.doc, au.seq AS audit_seq
FROM allowed a JOIN audited au ON au.ref = a.i
LEFT JOIN documents d ON d.county = a.county AND d.id = a.id AND d.today = a.today AND NOT a.current`;

/** The plan document built afresh (for frozen versions), parsed. */
export async function readPlanDocument(tx: Queryable, county: string, planId: string, today: string): Promise<Record<string, any>> {
  const rows = await tx.query<{ doc: Record<string, any> }>(PLAN_DOCUMENT_SQL, [county, planId, today]);
  return rows[0]!.doc;
}

/**
 * Builds and keeps the documents of many plans at once (all, or one county's), as the first read
 * of the day would: for a nightly job or after a bulk import. Returns how many were built.
 */
export async function buildPlanDocuments(db: Queryable, today: string, county: string | null = null): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH built AS (
       INSERT INTO plan_documents (county, plan_id, stamp, day, doc)
       SELECT p.county, p.id, p.content_stamp, $3::date, ${documentExpression('$3::date')}::text
       FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id
       WHERE ($1::char(2) IS NULL OR p.county = $1) AND ($2::uuid IS NULL OR p.id = $2)
       ON CONFLICT (county, plan_id) DO UPDATE SET stamp = excluded.stamp, day = excluded.day, doc = excluded.doc
       RETURNING 1)
     SELECT count(*)::int AS n FROM built`, [county, null, today]);
  return rows[0]!.n;
}
