import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { StaffMember } from '../api/types.ts';

/** The staff of a unit, to name a coordinator or a responsible person. */
export function useUnitStaff(unitId: string | null | undefined) {
  return useQuery({ queryKey: ['staff', unitId], enabled: !!unitId, staleTime: 300_000, queryFn: () => api.get<StaffMember[]>(`/units/${unitId}/staff`) });
}
