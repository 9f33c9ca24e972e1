/** The family's API (/api/family) and the shapes it answers with (src/services/family/family-view.ts). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { VersionContent } from '../plan/version-diff.ts';

export interface FamilyPlanSummary {
  id: string; planNumber: string; state: string; childGivenName: string; as: 'guardian' | 'child';
  nextMeetingAt: string | null; coordinatorName: string | null; approvalPending: boolean;
}

export interface FamilyInvitation {
  id: string; purpose: string; question: string; startsAt: string; endsAt: string; place: string | null; videoLink: string | null;
  upcoming: boolean; myAnswer: { answer: 'pending' | 'accepted' | 'declined'; declineReason: string | null; version: number } | null;
  units: Array<{ unitName: string | null; answer: string }>;
}

export interface VoiceEntry { kind: 'my_goals' | 'what_matters'; text: string; writtenRole: 'child' | 'guardian'; writtenAt: string; version: number; mine: boolean }

export interface FamilyPlan {
  id: string; planNumber: string; state: string; version: number; as: 'guardian' | 'child';
  child: { givenName: string; familyName: string; protectedIdentity: boolean };
  reason: string;
  coordinator: { name: string; phone: string | null; email: string | null; unitName: string | null; principalName: string | null;
    /** Set while the contact person is new: who they took over from, and when. */
    newSince: { since: string; formerName: string } | null } | null;
  overallPrincipalName: string | null;
  nextFollowUpOn: string | null;
  invitations: FamilyInvitation[];
  meetings: Array<{ id: string; heldAt: string; kind: string; byVideo: boolean; childPresent: boolean; surveyAnswered: boolean }>;
  goals: Array<{ id: string; professionalWording: string; childWords: string | null }>;
  interventions: Array<{ id: string; goalId: string | null; description: string; unitName: string | null; principalName: string | null; responsibleName: string | null; startsOn: string; dueOn: string; status: string; overdue: boolean }>;
  measuresByOthers: Array<{ actor: string; description: string }>;
  voice: { my_goals: VoiceEntry | null; what_matters: VoiceEntry | null };
  units: Array<{ id: string; unitName: string; principalName: string | null; covered: boolean; pending: { iGave: boolean } | null }>;
  consents: Array<{ id: string; version: number; active: boolean; validFrom: string; validUntil: string; excludes: string | null; withdrawnAt: string | null; unitNames: string[]; withdrawnUnitNames: string[] }>;
  versions: Array<{ versionNo: number; reason: string; createdAt: string }>;
  principals: Array<{ id: string; name: string }>;
  approval: {
    versionNo: number; reason: string; createdAt: string; current: VersionContent; previous: VersionContent | null; previousVersionNo: number | null;
    mine: { decision: 'approved' | 'commented'; comment: string | null; decidedAt: string } | null;
    others: Array<{ role: string; decision: string; decidedAt: string }>;
  } | null;
}

export interface FamilyLogEntry {
  at: string; kind: 'read' | 'change'; event: string; outcome: string; actorKind: 'staff' | 'citizen' | 'system';
  staffName: string | null; unitName: string | null; principalName: string | null; byMe: boolean;
}

export const useFamilyPlans = () => useQuery({ queryKey: ['family', 'plans'], queryFn: () => api.get<{ plans: FamilyPlanSummary[] }>('/family/plans') });
export const useFamilyPlan = (planId: string) => useQuery({ queryKey: ['family', 'plan', planId], queryFn: () => api.get<FamilyPlan>(`/family/plans/${planId}`) });
export const useFamilyLog = (planId: string) => useQuery({ queryKey: ['family', 'log', planId], queryFn: () => api.get<{ entries: FamilyLogEntry[] }>(`/family/plans/${planId}/access-log`) });
