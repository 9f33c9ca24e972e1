/**
 * Deviations in cooperation (avvikelser, SIP.md §5) as the server gives them
 * (src/services/deviations/), and the query keys the pages share.
 */
export type DeviationStatus = 'reported' | 'investigating' | 'measures_decided' | 'escalated' | 'closed';
export type DeviationEvent = 'investigate' | 'decide_measures' | 'close' | 'escalate';

export interface DeviationSummary {
  id: string; title: string; status: DeviationStatus; planNumber: string | null; reportedAt: string; reporterName: string;
  units: string[]; agreementName: string | null; openMeasures: number; version: number;
}

export interface Deviation {
  id: string; version: number; status: DeviationStatus; title: string; description: string; occurredOn: string | null;
  planId: string | null; planNumber: string | null; reportedAt: string;
  reportedBy: { staffId: string; name: string; unitName: string };
  units: Array<{ id: string; name: string; managers: string[] }>;
  agreement: { id: string; name: string; members: string[] } | null;
  escalatedAt: string | null; escalationReason: string | null; closedAt: string | null; resolution: string | null;
  measures: Array<{ id: string; description: string; ownerStaffId: string; ownerName: string; dueOn: string; doneOn: string | null; version: number }>;
  history: Array<{ from: DeviationStatus | null; to: DeviationStatus; at: string; byName: string | null; note: string | null }>;
  you: { reporter: boolean; manager: boolean; steeringGroup: boolean; measureOwner: boolean; handler: 'manager' | 'steering_group' | null; nextEvents: DeviationEvent[] };
  ownerCandidates: Array<{ staffId: string; name: string }>;
}

export const DEVIATIONS_KEY = ['deviations'] as const;
