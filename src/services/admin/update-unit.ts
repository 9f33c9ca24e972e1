import { appendAudit } from '../../store/audit.ts';
import type { Queryable } from '../../store/database.ts';
import { OPEN_STATES_SQL } from '../../domain/plan-lifecycle.ts';
import type { UnitKind } from '../../domain/organisation.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Actor, Context } from '../context.ts';
import { conflict, invalid, stale, versionRequired, type FieldProblem } from '../errors.ts';
import { optionalText, principalUnit, requireAdmin } from './admin-scope.ts';
import { lockPrincipals } from './keep-an-admin.ts';
import { requiredName, requireFreeName, resolveMunicipality } from './unit-fields.ts';

export interface UpdateUnitOptions {
  actor: Actor;
  unitId: string;
  version: number | undefined;
  patch: { name?: string; kind?: UnitKind; committee?: string | null; municipalityCode?: string | null; active?: boolean };
}

/**
 * The admin renames or otherwise changes a unit, ends it (active: false) or restores it. A unit
 * ends only when nobody serves it any more and it takes part in no open plan: its members' plans
 * must first be handed over (by ending their memberships), and a child's plan must never lose a
 * participating unit without anyone deciding so in the plan.
 */
export async function updateUnit(ctx: Context, { actor, unitId, version, patch }: UpdateUnitOptions): Promise<{ version: number }> {
  requireAdmin(actor);
  const problems: FieldProblem[] = [];
  const name = patch.name === undefined ? undefined : requiredName(patch.name, problems);
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction(async (tx) => {
    await lockPrincipals(tx, actor.county, [actor.principalId]);
    const unit = await principalUnit(tx, actor, unitId);
    if (version === undefined) throw versionRequired();
    if (version !== unit.version) throw stale(unit.version);
    const wanted: Partial<Record<keyof typeof unit, unknown>> = {
      name, kind: patch.kind, active: patch.active,
      committee: patch.committee === undefined ? undefined : optionalText(patch.committee),
      municipality_code: patch.municipalityCode === undefined ? undefined : await resolveMunicipality(tx, actor, patch.municipalityCode),
    };
    // Only what differs is written: a change that changes nothing gets no new version and no audit row.
    const set = Object.fromEntries(Object.entries(wanted).filter(([c, v]) => v !== undefined && v !== unit[c as keyof typeof unit]));
    const active = (set.active as boolean | undefined) ?? unit.active;
    if (active && (set.name !== undefined || set.active === true)) await requireFreeName(tx, actor, (set.name as string | undefined) ?? unit.name, unitId);
    if (set.active === false) await requireUnitCanEnd(tx, actor, unitId);
    const cols = Object.keys(set);
    if (cols.length === 0) return { version: unit.version };
    const [row] = await tx.query<{ version: number }>(
      `UPDATE units SET ${[...cols.map((c, i) => `${c} = $${i + 3}`), 'version = version + 1'].join(', ')} WHERE county = $1 AND id = $2 RETURNING version`,
      [actor.county, unitId, ...Object.values(set)]);
    await appendAudit(tx, [actorEvent(actor, 'U', 'admin.unit_update', {
      detail: { unitId, fields: cols.map((c) => (c === 'municipality_code' ? 'municipalityCode' : c)), ...(set.active !== undefined ? { active: set.active } : {}) },
    })]);
    return { version: row!.version };
  });
}

async function requireUnitCanEnd(tx: Queryable, actor: Actor, unitId: string): Promise<void> {
  const [{ members, plans }] = (await tx.query<{ members: number; plans: number }>(
    `SELECT (SELECT count(DISTINCT m.staff_id)::int FROM memberships m WHERE m.county = $1 AND m.unit_id = $2 AND m.active) AS members,
            (SELECT count(DISTINCT pp.plan_id)::int FROM plan_participants pp JOIN plans p ON p.county = pp.county AND p.id = pp.plan_id
             WHERE pp.county = $1 AND pp.unit_id = $2 AND pp.kind = 'unit' AND pp.active AND p.state IN ${OPEN_STATES_SQL}) AS plans`,
    [actor.county, unitId])) as [{ members: number; plans: number }];
  if (members > 0) {
    throw conflict('unit_has_members', `${members === 1 ? 'En person' : `${members} personer`} har fortfarande uppdrag i verksamheten. Avsluta deras uppdrag först, så att deras planer lämnas över.`,
      [{ field: '/active', code: 'unit_has_members', message: 'Verksamheten har aktiva medarbetare.' }]);
  }
  if (plans > 0) {
    throw conflict('unit_in_open_plans', `Verksamheten deltar i ${plans === 1 ? 'en pågående plan' : `${plans} pågående planer`}. Planerna behöver en annan verksamhet innan den här kan avslutas.`,
      [{ field: '/active', code: 'unit_in_open_plans', message: 'Verksamheten deltar i pågående planer.' }]);
  }
}
