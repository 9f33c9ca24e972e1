import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { isEmailAddress, parseHsaId } from '../../domain/organisation.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context, Role } from '../context.ts';
import { conflict, invalid, ServiceError, type FieldProblem } from '../errors.ts';
import { optionalText, principalUnit, requireAdmin } from './admin-scope.ts';
import { lockPrincipals } from './keep-an-admin.ts';

export interface AddStaffOptions {
  actor: Actor;
  staff: { hsaId: string; name: string; title?: string | null; email?: string | null; phone?: string | null; unitId: string; role: Role };
}

/**
 * The admin registers a staff member with their first membership (unit and role). Staff sign in
 * by the HSA-id their SITHS eID carries (issue 4 item 1), so one HSA-id is one person: an HSA-id
 * the county's directory already holds is refused (409, with that person's id), never silently
 * given to a second person. Someone without a membership could not sign in and no admin would see
 * them, so a person is only ever added together with one.
 */
export async function addStaff(ctx: Context, { actor, staff }: AddStaffOptions): Promise<{ id: string; membershipId: string; version: number }> {
  requireAdmin(actor);
  const problems: FieldProblem[] = [];
  const hsa = parseHsaId(staff.hsaId);
  if (!hsa.ok) problems.push({ field: '/hsaId', code: hsa.error, message: hsa.message });
  const name = staff.name.trim();
  if (!name) problems.push({ field: '/name', code: 'required', message: 'Ange namnet.' });
  const email = optionalText(staff.email);
  if (email && !isEmailAddress(email)) problems.push({ field: '/email', code: 'format', message: 'Skriv e-postadressen som namn@exempel.se.' });
  if (problems.length || !hsa.ok) throw invalid(problems);
  return ctx.db.transaction(async (tx) => {
    await lockPrincipals(tx, actor.county, [actor.principalId]);
    const unit = await principalUnit(tx, actor, staff.unitId, '/unitId');
    if (!unit.active) throw conflict('unit_inactive', 'Verksamheten är avslutad.', [{ field: '/unitId', code: 'unit_inactive', message: 'Verksamheten är avslutad.' }]);
    const existing = (await tx.query<{ id: string }>('SELECT id FROM staff WHERE county = $1 AND hsa_id = $2', [actor.county, hsa.value]))[0];
    if (existing) {
      throw new ServiceError(409, 'hsa_id_taken', 'Det finns redan en medarbetare med det HSA-id:t. Ge personen ett nytt uppdrag i stället.',
        [{ field: '/hsaId', code: 'taken', message: 'HSA-id:t finns redan.' }], { staffId: existing.id });
    }
    const id = newId();
    const membershipId = newId();
    await tx.query('INSERT INTO staff (county, id, hsa_id, name, title, email, phone) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [actor.county, id, hsa.value, name, optionalText(staff.title), email, optionalText(staff.phone)]);
    await tx.query('INSERT INTO memberships (county, id, staff_id, unit_id, role) VALUES ($1, $2, $3, $4, $5)',
      [actor.county, membershipId, id, unit.id, staff.role]);
    await appendAudit(tx, [actorEvent(actor, 'C', 'admin.staff_create', { detail: { staffId: id, membershipId, unitId: unit.id, role: staff.role } })]);
    return { id, membershipId, version: 1 };
  });
}
