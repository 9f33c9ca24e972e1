import { appendAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import type { UnitKind } from '../../domain/organisation.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { invalid, type FieldProblem } from '../errors.ts';
import { optionalText, requireAdmin } from './admin-scope.ts';
import { lockPrincipals } from './keep-an-admin.ts';
import { requiredName, requireFreeName, resolveMunicipality } from './unit-fields.ts';

export interface CreateUnitOptions {
  actor: Actor;
  unit: { name: string; kind: UnitKind; committee?: string | null; municipalityCode?: string | null };
}

/** The admin adds a unit (verksamhet) to their principal; it can take part in plans at once. */
export async function createUnit(ctx: Context, { actor, unit }: CreateUnitOptions): Promise<{ id: string; version: number }> {
  requireAdmin(actor);
  const problems: FieldProblem[] = [];
  const name = requiredName(unit.name, problems);
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction(async (tx) => {
    // One admin change of the principal at a time: the name check below stays true until the insert.
    await lockPrincipals(tx, actor.county, [actor.principalId]);
    await requireFreeName(tx, actor, name, null);
    const municipalityCode = await resolveMunicipality(tx, actor, unit.municipalityCode);
    const id = newId();
    await tx.query(
      'INSERT INTO units (county, id, principal_id, kind, name, committee, municipality_code) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [actor.county, id, actor.principalId, unit.kind, name, optionalText(unit.committee), municipalityCode]);
    await appendAudit(tx, [actorEvent(actor, 'C', 'admin.unit_create', { detail: { unitId: id, kind: unit.kind } })]);
    return { id, version: 1 };
  });
}
