import type { Actor, Context } from '../context.ts';
import type { UnitKind } from '../../domain/organisation.ts';
import { requireAdmin } from './admin-scope.ts';

export interface AdminUnit {
  id: string;
  name: string;
  kind: UnitKind;
  committee: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  active: boolean;
  version: number;
  /** People with an active membership in the unit. */
  members: number;
}

export interface PrincipalUnits {
  principal: { id: string; name: string; kind: 'region' | 'municipality' | 'private'; municipalityCode: string | null };
  units: AdminUnit[];
  /** Where a new unit may lie: a municipality's units in the municipality, a region's anywhere in the county. */
  municipalities: Array<{ code: string; name: string }>;
}

/** The admin's principal and all its units, the ended ones too (they can be restored), with how many people serve each. */
export async function listUnits(ctx: Context, { actor }: { actor: Actor }): Promise<PrincipalUnits> {
  requireAdmin(actor);
  const [principal] = await ctx.db.query<PrincipalUnits['principal']>(
    'SELECT id, name, kind, municipality_code AS "municipalityCode" FROM principals WHERE county = $1 AND id = $2::uuid', [actor.county, actor.principalId]);
  const units = await ctx.db.query<AdminUnit>(
    `SELECT u.id, u.name, u.kind, u.committee, u.municipality_code AS "municipalityCode", mu.name AS "municipalityName", u.active, u.version,
            (SELECT count(DISTINCT m.staff_id)::int FROM memberships m JOIN staff s ON s.county = m.county AND s.id = m.staff_id AND s.active
             WHERE m.county = u.county AND m.unit_id = u.id AND m.active) AS members
     FROM units u LEFT JOIN municipalities mu ON mu.county = u.county AND mu.code = u.municipality_code
     WHERE u.county = $1 AND u.principal_id = $2::uuid ORDER BY u.active DESC, u.name`, [actor.county, actor.principalId]);
  const municipalities = await ctx.db.query<{ code: string; name: string }>(
    'SELECT code, name FROM municipalities WHERE county = $1 AND ($2::char(4) IS NULL OR code = $2) ORDER BY name',
    [actor.county, principal!.kind === 'municipality' ? principal!.municipalityCode : null]);
  return { principal: principal!, units, municipalities };
}
