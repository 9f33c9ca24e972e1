/**
 * Writing to the audit trail. Always called with the transaction of the access it records, so
 * that an access and its audit row commit or vanish together.
 */
import type { Queryable } from './database.ts';

export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';
export type AuditOutcome = 'success' | 'denied' | 'not_found';

export interface AuditEvent {
  county: string;
  actorKind: 'staff' | 'citizen' | 'system';
  actorId: string | null;
  actorUnitId: string | null;
  actorRole: string | null;
  action: AuditAction;
  /** What was done, e.g. "plan.read", "consent.withdraw". */
  event: string;
  planId: string | null;
  /** The person whose data it was (the child, for plan resources). */
  personId: string | null;
  outcome: AuditOutcome;
  networkAddress: string | null;
  protectedIdentity: boolean;
  /** Ids and reasons only: never a name or an identity number. */
  detail?: Record<string, unknown>;
}

export async function appendAudit(tx: Queryable, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query('SELECT audit_append($1::jsonb)', [auditJson(events)]);
}

/** The events as the JSON array audit_append() takes, for statements that append in passing. */
export function auditJson(events: readonly AuditEvent[]): string {
  return JSON.stringify(events.map((e) => ({
    county: e.county,
    actor_kind: e.actorKind,
    actor_id: e.actorId,
    actor_unit_id: e.actorUnitId,
    actor_role: e.actorRole,
    action: e.action,
    event: e.event,
    plan_id: e.planId,
    person_id: e.personId,
    outcome: e.outcome,
    network_address: e.networkAddress,
    protected_identity: e.protectedIdentity,
    detail: e.detail ?? {},
  })));
}

export interface AuditBreak {
  county: string;
  seq: number;
  problem: 'content_altered' | 'link_broken' | 'head_mismatch';
}

/** Checks every county's chain; returns the first broken row of each broken chain. */
export async function verifyAuditChain(db: Queryable): Promise<{ rows: number; breaks: AuditBreak[] }> {
  const [{ rows }] = (await db.query<{ rows: number }>('SELECT count(*)::int AS rows FROM audit_events')) as [{ rows: number }];
  const breaks = await db.query<AuditBreak>('SELECT county, seq, problem FROM audit_verify()');
  return { rows, breaks };
}
