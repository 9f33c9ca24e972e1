/** What /api/admin answers (src/services/admin/list-units.ts and list-staff.ts). */
import type { Role } from '../api/types.ts';
import type { UnitKind } from '../../../src/domain/organisation.ts';

export interface AdminUnit {
  id: string; name: string; kind: UnitKind; committee: string | null; municipalityCode: string | null; municipalityName: string | null;
  active: boolean; version: number; members: number;
}
export interface PrincipalUnits {
  principal: { id: string; name: string; kind: 'region' | 'municipality' | 'private'; municipalityCode: string | null };
  units: AdminUnit[];
  municipalities: Array<{ code: string; name: string }>;
}
export interface AdminMembership { id: string; unitId: string; unitName: string; role: Role; active: boolean; startedAt: string | null; endedAt: string | null; version: number }
export interface AdminStaff {
  id: string; hsaId: string; name: string; title: string | null; email: string | null; phone: string | null; active: boolean; memberships: AdminMembership[];
}

export const UNITS_KEY = ['admin', 'units'] as const;
export const STAFF_KEY = ['admin', 'staff'] as const;
