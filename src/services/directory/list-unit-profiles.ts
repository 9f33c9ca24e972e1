import type { UnitKind } from '../../domain/organisation.ts';
import type { Actor, Context } from '../context.ts';
import { PROFILE_SELECT, profileParams, type UnitProfile } from './unit-profile-query.ts';
import { scoreColumns, SEARCH_ORDER, searchFilter, searchTerms } from './text-search.ts';

export interface ListUnitProfilesOptions {
  actor: Actor;
  /** Words in Swedish: what the unit is for, what it offers, who may call a SIP, or its name. */
  q?: string | undefined;
  kind?: UnitKind | undefined;
}

/**
 * Vem gör vad: every unit of the county with what it is for, what it offers, the law it works
 * under, how to reach it and who there may call a SIP (the Skåne audits' recommendation 2).
 * Organisational knowledge, nothing about a child: any staff member reads it, unaudited.
 * The directory is small (a county has some hundred units), so the text is indexed as it is read.
 */
export async function listUnitProfiles(ctx: Context, { actor, q, kind }: ListUnitProfilesOptions): Promise<UnitProfile[]> {
  const terms = searchTerms(q);
  const doc = `to_tsvector('swedish', "unitName" || ' ' || mandate || ' ' || array_to_string(offers, ' ') || ' ' || "whoMayInitiate")`;
  const plain = `"unitName" || ' ' || "principalName" || ' ' || mandate || ' ' || array_to_string(offers, ' ') || ' ' || array_to_string(laws, ' ') || ' ' || "whoMayInitiate"`;
  const rows = await ctx.db.query<UnitProfile>(
    `WITH base AS (${PROFILE_SELECT} AND ($5::text IS NULL OR u.kind = $5::text)),
          scored AS (SELECT base.*, ${scoreColumns(doc, plain, 6, 7, 8)} FROM base)
     SELECT "unitId", "unitName", "unitKind", "principalName", "municipalityCode", mandate, offers, laws, "whoMayInitiate",
            phone, email, address, hours, version, "updatedAt", "canEdit"
     FROM scored WHERE ${searchFilter('scored', 6)}
     ORDER BY ${SEARCH_ORDER}, "principalName", "unitName"`,
    [...profileParams(actor), kind ?? null, terms.text, terms.anyWord, terms.like]);
  return rows;
}
