/** A unit's directory entry as both the list and the single read answer it. */
import type { Law } from '../../domain/unit-profile.ts';
import type { UnitKind } from '../../domain/organisation.ts';
import type { Actor } from '../context.ts';

export interface UnitProfile {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  principalName: string;
  municipalityCode: string | null;
  mandate: string;
  offers: string[];
  laws: Law[];
  whoMayInitiate: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  hours: string | null;
  /** 0 while the unit has written nothing: the first save sends If-Match "0". */
  version: number;
  updatedAt: Date | null;
  canEdit: boolean;
}

/**
 * Every active unit of the county with its entry, empty where the unit has written none yet (a
 * unit without an entry is still one to know about). $1 county, $2 actor's unit, $3 actor's
 * principal, $4 actor's role.
 */
export const PROFILE_SELECT = `
  SELECT u.id AS "unitId", u.name AS "unitName", u.kind AS "unitKind", p.name AS "principalName",
         u.municipality_code AS "municipalityCode",
         coalesce(up.mandate, '') AS mandate, coalesce(up.offers, '{}'::text[]) AS offers, coalesce(up.laws, '{}'::text[]) AS laws,
         coalesce(up.who_may_initiate, '') AS "whoMayInitiate", up.phone, up.email, up.address, up.hours,
         coalesce(up.version, 0) AS version, up.updated_at AS "updatedAt",
         ${canEditSql('u')} AS "canEdit"
  FROM units u
  JOIN principals p ON p.county = u.county AND p.id = u.principal_id
  LEFT JOIN unit_profiles up ON up.county = u.county AND up.unit_id = u.id
  WHERE u.county = $1 AND u.active`;

/** Decision 0009: a unit's manager, or an admin of the unit's principal, keeps its entry. */
export function canEditSql(unit: string): string {
  return `(($4::text = 'manager' AND ${unit}.id = $2::uuid) OR ($4::text = 'principal_admin' AND ${unit}.principal_id = $3::uuid))`;
}

export const profileParams = (actor: Actor): unknown[] => [actor.county, actor.unitId, actor.principalId, actor.role];
