import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context, Role } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { principalUnit, requireAdmin } from './admin-scope.ts';
import { lockPrincipals } from './keep-an-admin.ts';

export interface AddMembershipOptions {
  actor: Actor;
  membership: { staffId: string; unitId: string; role: Role };
}

/**
 * The admin gives a person a membership (medarbetaruppdrag) in one of the principal's units: from
 * their next request they can act for the unit in that role. Someone deactivated altogether is
 * active again (they came back); what they left in hand-over queues stays there until the manager
 * decides, unless they are back in the same unit (migration 009).
 */
export async function addMembership(ctx: Context, { actor, membership }: AddMembershipOptions): Promise<{ id: string; version: number }> {
  requireAdmin(actor);
  const { staffId, unitId, role } = membership;
  return ctx.db.transaction(async (tx) => {
    await lockPrincipals(tx, actor.county, [actor.principalId]);
    const unit = await principalUnit(tx, actor, unitId, '/unitId');
    if (!unit.active) throw conflict('unit_inactive', 'Verksamheten är avslutad.', [{ field: '/unitId', code: 'unit_inactive', message: 'Verksamheten är avslutad.' }]);
    const person = (await tx.query<{ active: boolean }>('SELECT active FROM staff WHERE county = $1 AND id = $2::uuid FOR UPDATE', [actor.county, staffId]))[0];
    if (!person) throw invalid([{ field: '/staffId', code: 'unknown', message: 'Ingen sådan medarbetare.' }]);
    const held = await tx.query('SELECT 1 FROM memberships WHERE county = $1 AND staff_id = $2 AND unit_id = $3 AND role = $4 AND active', [actor.county, staffId, unitId, role]);
    if (held[0]) throw conflict('duplicate', 'Personen har redan den rollen i verksamheten.', [{ field: '/role', code: 'duplicate', message: 'Finns redan.' }]);
    if (!person.active) await tx.query('UPDATE staff SET active = true WHERE county = $1 AND id = $2', [actor.county, staffId]);
    const id = newId();
    await tx.query('INSERT INTO memberships (county, id, staff_id, unit_id, role) VALUES ($1, $2, $3, $4, $5)', [actor.county, id, staffId, unitId, role]);
    await appendAudit(tx, [actorEvent(actor, 'C', 'admin.membership_create', {
      detail: { membershipId: id, staffId, unitId, role, ...(person.active ? {} : { reactivated: true }) },
    })]);
    return { id, version: 1 };
  });
}
