import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { ServiceError, notFound } from '../errors.ts';

export interface LogExtractOptions {
  actor: Actor;
  personId: string;
  from?: string;
  to?: string;
}

export interface LogEntry {
  at: Date;
  action: string;
  event: string;
  outcome: string;
  planNumber: string | null;
  staffName: string | null;
  unitName: string | null;
  principalName: string | null;
}

/**
 * A log extract (loggutdrag) for one person: who read or changed their data, when, for which unit
 * and principal (patientdatalagen 4 kap 3 §; the person's right to it, 8 kap 6 §). Handed out by a
 * principal administrator; the extract is itself audited.
 */
export async function getLogExtract(ctx: Context, { actor, personId, from, to }: LogExtractOptions): Promise<{ personId: string; entries: LogEntry[] }> {
  if (actor.role !== 'principal_admin') {
    throw new ServiceError(403, 'role', 'Loggutdrag tas fram av huvudmannens administratör.');
  }
  return ctx.db.transaction(async (tx) => {
    const person = (await tx.query<{ protected_identity: boolean }>('SELECT protected_identity FROM persons WHERE county = $1 AND id = $2::uuid', [actor.county, personId]))[0];
    if (!person) {
      await appendAudit(tx, [actorEvent(actor, 'R', 'person.log_extract', { outcome: 'not_found', detail: { personId } })]);
      throw notFound();
    }
    const entries = await tx.query<LogEntry>(
      `SELECT a.recorded_at AS at, a.action, a.event, a.outcome, p.plan_number AS "planNumber",
              s.name AS "staffName", u.name AS "unitName", pr.name AS "principalName"
       FROM audit_events a
       LEFT JOIN plans p ON p.county = a.county AND p.id = a.plan_id
       LEFT JOIN staff s ON s.county = a.county AND s.id = a.actor_id
       LEFT JOIN units u ON u.county = a.county AND u.id = a.actor_unit_id
       LEFT JOIN principals pr ON pr.county = u.county AND pr.id = u.principal_id
       WHERE a.county = $1 AND a.person_id = $2 AND ($3::timestamptz IS NULL OR a.recorded_at >= $3) AND ($4::timestamptz IS NULL OR a.recorded_at < $4)
       ORDER BY a.seq`,
      [actor.county, personId, from ?? null, to ?? null]);
    await appendAudit(tx, [actorEvent(actor, 'R', 'person.log_extract', { personId, protectedIdentity: person.protected_identity })]);
    return { personId, entries };
  });
}
