/** What I must read, and how up to date my units are (decision 0009: GET /api/training/me, /api/training/units). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { TRAINING_KEY, type DocumentKind } from '../library/api.ts';

export interface ToRead {
  documentId: string; title: string; kind: DocumentKind; inductionOrder: number | null; versionNo: number;
  acknowledgedVersionNo: number | null; upToDate: boolean; changeSummary: string;
}

export interface UnitTraining {
  unitId: string; unitName: string; unitKind?: string; principalId?: string; principalName: string;
  /** People in the unit whom some document asks to read it, and how many of them have read all they should. */
  /** Null, and `suppressed`, when fewer than five and the viewer sees no names: a small count points at people. */
  members: number | null; upToDate: number | null; share: number | null; suppressed?: boolean;
  people?: Array<{ staffId: string; name: string; missing: Array<{ documentId: string; title: string }> }>;
}

export interface PrincipalTraining { principalId: string; principalName: string; members: number | null; upToDate: number | null; share: number | null; suppressed?: boolean }
export interface TrainingStatus { units: UnitTraining[]; principals: PrincipalTraining[] }

export function useTrainingMe() {
  return useQuery({
    queryKey: [...TRAINING_KEY, 'me'], staleTime: 30_000, refetchInterval: 120_000,
    queryFn: () => api.get<{ documents: ToRead[] }>('/training/me').then((r) => r.documents),
  });
}

/** Those who follow up a unit: its manager, its principal's admin, the county's analyst. */
export const followsUnits = (me: Me) => me.role === 'manager' || me.role === 'principal_admin' || me.role === 'analyst';

export function useTrainingUnits(me: Me) {
  return useQuery({
    queryKey: [...TRAINING_KEY, 'units', me.unitId, me.role], enabled: followsUnits(me),
    // The server answers { units, principals }; a bare list of units (decision 0009's first wording) is read too.
    queryFn: () => api.get<TrainingStatus | UnitTraining[]>('/training/units')
      .then((r): TrainingStatus => (Array.isArray(r) ? { units: r, principals: [] } : r)),
  });
}

/** "60 %": from the counts, so that it always agrees with "3 av 5". */
export function percent(upToDate: number | null, members: number | null): number {
  if (upToDate === null || members === null) return 0;
  return members > 0 ? Math.round((100 * upToDate) / members) : 0;
}
