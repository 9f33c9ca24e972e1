import { nextDeviationEvents, type DeviationEvent, type DeviationState } from '../../domain/deviation-lifecycle.ts';
import type { Actor, Context } from '../context.ts';
import { factsOf, handlerOf, inDeviation } from './deviation-access.ts';

export interface DeviationView {
  id: string;
  version: number;
  status: DeviationState;
  title: string;
  description: string;
  occurredOn: string | null;
  planId: string | null;
  planNumber: string | null;
  reportedAt: Date;
  reportedBy: { staffId: string; name: string; unitName: string };
  units: Array<{ id: string; name: string; managers: string[] }>;
  agreement: { id: string; name: string; members: string[] } | null;
  escalatedAt: Date | null;
  escalationReason: string | null;
  closedAt: Date | null;
  resolution: string | null;
  measures: Array<{ id: string; description: string; ownerStaffId: string; ownerName: string; dueOn: string; doneOn: string | null; version: number }>;
  history: Array<{ from: DeviationState | null; to: DeviationState; at: Date; byName: string | null; note: string | null }>;
  /** What the reader is to this deviation, and what they can do now. */
  you: { reporter: boolean; manager: boolean; steeringGroup: boolean; measureOwner: boolean; handler: 'manager' | 'steering_group' | null; nextEvents: DeviationEvent[] };
  /** Who can own a measure: the involved units' staff and managers, and the steering group once it is theirs. */
  ownerCandidates: Array<{ staffId: string; name: string }>;
}

/** One deviation as its reporter, its managers, its steering group or a measure's owner sees it. Audited. */
export async function getDeviation(ctx: Context, { actor, deviationId }: { actor: Actor; deviationId: string }): Promise<DeviationView> {
  return inDeviation(ctx, { actor, deviationId, action: 'R', event: 'deviation.read', lock: false }, async ({ tx, deviation: d, standing }) => {
    const [row] = await tx.query<Omit<DeviationView, 'units' | 'agreement' | 'measures' | 'history' | 'you' | 'ownerCandidates' | 'reportedBy'> & { reporterId: string; reporterName: string; reporterUnit: string; agreementId: string | null; agreementName: string | null }>(
      `SELECT d.id, d.version, d.status, d.title, d.description, d.occurred_on::text AS "occurredOn", d.plan_id AS "planId", p.plan_number AS "planNumber",
              d.reported_at AS "reportedAt", d.reported_by AS "reporterId", s.name AS "reporterName", u.name AS "reporterUnit",
              d.agreement_id AS "agreementId", a.name AS "agreementName", d.escalated_at AS "escalatedAt", d.escalation_reason AS "escalationReason",
              d.closed_at AS "closedAt", d.resolution
       FROM deviations d
       JOIN staff s ON s.county = d.county AND s.id = d.reported_by
       JOIN units u ON u.county = d.county AND u.id = d.reported_unit_id
       LEFT JOIN plans p ON p.county = d.county AND p.id = d.plan_id
       LEFT JOIN local_agreements a ON a.county = d.county AND a.id = d.agreement_id
       WHERE d.county = $1 AND d.id = $2`, [d.county, d.id]);
    const units = await tx.query<{ id: string; name: string; managers: string[] }>(
      `SELECT u.id, u.name, coalesce((SELECT array_agg(s.name ORDER BY s.name) FROM unnest(unit_managers(u.county, u.id)) m(id)
                                       JOIN staff s ON s.county = u.county AND s.id = m.id), '{}') AS managers
       FROM deviation_units du JOIN units u ON u.county = du.county AND u.id = du.unit_id
       WHERE du.county = $1 AND du.deviation_id = $2 ORDER BY u.name`, [d.county, d.id]);
    const members = d.agreementId ? (await tx.query<{ staffId: string; name: string }>(
      `SELECT s.id AS "staffId", s.name FROM steering_group_members m JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
       WHERE m.county = $1 AND m.agreement_id = $2 ORDER BY s.name`, [d.county, d.agreementId])) : [];
    const measures = await tx.query<DeviationView['measures'][number]>(
      `SELECT m.id, m.description, m.owner_staff_id AS "ownerStaffId", s.name AS "ownerName", m.due_on::text AS "dueOn", m.done_on::text AS "doneOn", m.version
       FROM deviation_measures m JOIN staff s ON s.county = m.county AND s.id = m.owner_staff_id
       WHERE m.county = $1 AND m.deviation_id = $2 ORDER BY m.created_at, m.id`, [d.county, d.id]);
    const history = await tx.query<DeviationView['history'][number]>(
      `SELECT c.from_state AS "from", c.to_state AS "to", c.at, s.name AS "byName", c.note
       FROM deviation_status_changes c LEFT JOIN staff s ON s.county = c.county AND s.id = c.by_staff_id
       WHERE c.county = $1 AND c.deviation_id = $2 ORDER BY c.at, c.id`, [d.county, d.id]);
    const candidates = await tx.query<{ staffId: string; name: string }>(
      `SELECT DISTINCT s.id AS "staffId", s.name FROM deviation_units du
       JOIN memberships m ON m.county = du.county AND m.unit_id = du.unit_id AND m.active AND m.role IN ('staff', 'manager')
       JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
       WHERE du.county = $1 AND du.deviation_id = $2
       UNION
       SELECT s.id, s.name FROM steering_group_members g JOIN staff s ON s.county = g.county AND s.id = g.staff_id AND s.active
       WHERE g.county = $1 AND g.agreement_id = $3
       ORDER BY 2`, [d.county, d.id, d.agreementId]);
    const handler = handlerOf(d, standing);
    const r = row!;
    return {
      id: r.id, version: r.version, status: r.status, title: r.title, description: r.description, occurredOn: r.occurredOn,
      planId: r.planId, planNumber: r.planNumber, reportedAt: r.reportedAt,
      reportedBy: { staffId: r.reporterId, name: r.reporterName, unitName: r.reporterUnit },
      units, agreement: r.agreementId ? { id: r.agreementId, name: r.agreementName!, members: members.map((m) => m.name) } : null,
      escalatedAt: r.escalatedAt, escalationReason: r.escalationReason, closedAt: r.closedAt, resolution: r.resolution,
      measures, history,
      you: { ...standing, handler, nextEvents: handler ? nextDeviationEvents(handler, factsOf(d, true)) : [] },
      ownerCandidates: handler ? candidates : [],
    };
  });
}
