/**
 * The checks a unit's fields pass whether the unit is new or edited, each failure naming its field.
 */
import type { Queryable } from '../../store/database.ts';
import type { Actor } from '../context.ts';
import { conflict, invalid, type FieldProblem } from '../errors.ts';

/** A name nobody else in the principal uses for an active unit: staff choose units by name. */
export async function requireFreeName(tx: Queryable, actor: Actor, name: string, exceptId: string | null): Promise<void> {
  const taken = await tx.query(
    'SELECT 1 FROM units WHERE county = $1 AND principal_id = $2::uuid AND active AND lower(name) = lower($3) AND ($4::uuid IS NULL OR id <> $4::uuid)',
    [actor.county, actor.principalId, name, exceptId]);
  if (taken[0]) throw conflict('duplicate', 'Det finns redan en verksamhet med det namnet hos huvudmannen.', [{ field: '/name', code: 'duplicate', message: 'Namnet används redan.' }]);
}

/**
 * The municipality a unit lies in: a municipality's units lie in the municipality (its own code
 * when none is given); a region's or a private principal's in any municipality of the county, or
 * none given.
 */
export async function resolveMunicipality(tx: Queryable, actor: Actor, code: string | null | undefined): Promise<string | null> {
  const [p] = await tx.query<{ kind: string; code: string | null }>(
    'SELECT kind, municipality_code AS code FROM principals WHERE county = $1 AND id = $2::uuid', [actor.county, actor.principalId]);
  if (p!.kind === 'municipality') {
    if (code && code !== p!.code) throw invalid([{ field: '/municipalityCode', code: 'other_municipality', message: 'En kommuns verksamheter ligger i kommunen själv.' }]);
    return p!.code;
  }
  if (!code) return null;
  const known = await tx.query('SELECT 1 FROM municipalities WHERE county = $1 AND code = $2', [actor.county, code]);
  if (!known[0]) throw invalid([{ field: '/municipalityCode', code: 'unknown', message: 'Ingen sådan kommun i länet.' }]);
  return code;
}

/** A name with something in it besides spaces. */
export function requiredName(name: string, problems: FieldProblem[]): string {
  const trimmed = name.trim();
  if (!trimmed) problems.push({ field: '/name', code: 'required', message: 'Ange ett namn.' });
  return trimmed;
}
