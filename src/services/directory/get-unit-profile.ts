import type { Actor, Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { PROFILE_SELECT, profileParams, type UnitProfile } from './unit-profile-query.ts';

/** One unit's directory entry (empty fields and version 0 before its first save); 404 for no such active unit. */
export async function getUnitProfile(ctx: Context, { actor, unitId }: { actor: Actor; unitId: string }): Promise<UnitProfile> {
  const [row] = await ctx.db.query<UnitProfile>(`${PROFILE_SELECT} AND u.id = $5::uuid`, [...profileParams(actor), unitId]);
  if (!row) throw notFound();
  return row;
}
