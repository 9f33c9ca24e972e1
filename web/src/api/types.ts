/** The shapes the server answers with (src/store/plan-document.ts and the routes under src/http/routes). */
export type PlanState = 'initiated' | 'invited' | 'mapped' | 'established' | 'evaluated' | 'closed' | 'cancelled';
export type Role = 'staff' | 'manager' | 'principal_admin' | 'analyst';

export interface Assignment { unitId: string; unitName: string; principalId: string; principalName: string; role: Role }
/** A staff member acting in a chosen assignment (unit and role): everything inside the app's layout. */
export interface Me {
  kind: 'staff'; staffId: string; name: string; county: string; unitId: string; role: Role; assignments: Assignment[];
  hsaId: string; idleMinutes: number; expiresAt: string;
}
/** What GET /me answers: also a staff member who has not chosen an assignment yet, or a citizen. */
export type Session =
  | Me
  | { kind: 'staff'; staffId: null; name: string; county: null; unitId: null; role: null; assignments: Assignment[]; hsaId: string; idleMinutes: number; expiresAt: string }
  | { kind: 'citizen'; name: string; assignments: []; idleMinutes: number; expiresAt: string };

export interface Unit { id: string; kind: string; name: string; principalId: string; principalName: string; municipalityCode: string }
export interface Principal { id: string; kind: string; name: string }
export interface StaffMember { id: string; name: string; email: string | null; phone: string | null; role: Role }

export interface WorkItem {
  planId: string; planNumber: string; childName: string; state: PlanState; date?: string; overdue: boolean;
  invitationId?: string; inviteeVersion?: number; interventionId?: string; description?: string;
}
export interface Worklist { invitations: WorkItem[]; followUps: WorkItem[]; overdueInterventions: WorkItem[]; drafts: WorkItem[]; myPlans: WorkItem[] }

export interface PlanSummary { id: string; planNumber: string; state: PlanState; childName: string; nextFollowUpOn: string | null; initiatedAt: string }

export interface FoundPerson {
  id: string; givenName: string; familyName: string; birthDate: string | null; identityNumberMasked: string;
  protectedIdentity: boolean; guardians: Array<{ id: string; givenName: string; familyName: string }>;
}

export interface Participant {
  id: string; kind: 'unit' | 'guardian' | 'child' | 'relative' | 'other'; unitId: string | null; unitName: string | null; unitKind: string | null;
  principalId: string | null; principalName: string | null; personId: string | null; staffId: string | null; staffName: string | null; name: string | null; roleNote: string | null;
}
export interface Consent {
  id: string; form: 'oral' | 'written' | 'digital'; givenOn: string; validFrom: string; validUntil: string; excludes: string | null; sufficient: boolean;
  recordedAt: string; withdrawnAt: string | null; withdrawalNote: string | null; version: number; active: boolean;
  /** Units the family took out of this consent (issue 5): no longer covered. */
  withdrawnUnitIds?: string[] | null;
  givers: Array<{ personId: string; role: 'guardian' | 'child'; stance: 'consents' | 'refuses'; refusalReason: string | null }> | null;
  unitIds: string[] | null;
}
export interface Invitee { id: string; unitId: string | null; staffId: string | null; personId: string | null; answer: 'pending' | 'accepted' | 'declined'; declineReason: string | null; answeredAt: string | null; version: number }
export interface Invitation {
  id: string; purpose: string; question: string; startsAt: string; endsAt: string; place: string | null; videoLink: string | null;
  meetingLeaderId: string | null; noteTakerId: string | null; sentAt: string; version: number; invitees: Invitee[] | null;
}
export interface Need { id: string; lifeArea: LifeArea; description: string; familyView: string | null; childView: string | null; version: number }
export type LifeArea = 'safe' | 'healthy' | 'achieving' | 'nurtured' | 'active' | 'respected' | 'responsible' | 'included';
export const LIFE_AREAS: LifeArea[] = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'];
export interface Meeting {
  id: string; kind: 'first' | 'follow_up'; heldAt: string; invitationId: string | null; byVideo: boolean; childPresent: boolean; notes: string | null;
  attendance: Array<{ unitId: string | null; staffId: string | null; personId: string | null; name: string | null }> | null;
}
export interface Goal { id: string; needId: string | null; professionalWording: string; childWords: string | null; version: number }
export type InterventionStatus = 'planned' | 'ongoing' | 'done' | 'cancelled';
export interface Intervention {
  id: string; goalId: string | null; description: string; principalId: string; unitId: string; responsibleStaffId: string; responsibleStaffName: string | null;
  startsOn: string; dueOn: string; status: InterventionStatus; doneOn: string | null; overdue: boolean; version: number;
  reports: Array<{ id: string; status: InterventionStatus; note: string; reportedBy: string; reportedUnitId: string; reportedAt: string }> | null;
}
export interface Measure { id: string; actor: string; description: string; version: number }
export interface FollowUp { id: string; dueOn: string | null; heldOn: string; heldInTime: boolean | null; note: string | null; nextDueOn: string; newVersion: number }
export interface Evaluation { id: string; round: number; goalId: string; outcome: 'reached' | 'partly_reached' | 'not_reached'; comment: string | null; childView: string | null; guardianView: string | null; isFinal: boolean; evaluatedAt: string }
export interface PlanVersionRef { versionNo: number; reason: string; createdAt: string; createdBy: string }

export interface Plan {
  id: string; planNumber: string; state: PlanState; version: number; planVersion: number; reason: string;
  initiatedAt: string; initiatingUnitId: string;
  coordinator: { staffId: string; unitId: string; name: string; phone: string | null; email: string | null } | null;
  overallPrincipalId: string | null; nextFollowUpOn: string | null; noMeasuresByOthers: boolean;
  establishedAt: string | null; closedAt: string | null; closureReason: string | null; closureNote: string | null; cancelReason: string | null; updatedAt: string;
  child: { id: string; givenName: string; familyName: string; birthDate: string | null; identityNumberMasked: string; protectedIdentity: boolean; address: string | null; phone: string | null; email: string | null };
  guardians: Array<{ id: string; givenName: string; familyName: string; protectedIdentity: boolean; address: string | null; phone: string | null; email: string | null }>;
  participants: Participant[]; consents: Consent[]; invitations: Invitation[]; needs: Need[]; meetings: Meeting[]; goals: Goal[];
  interventions: Intervention[]; measuresByOthers: Measure[]; followUps: FollowUp[]; evaluations: Evaluation[]; versions: PlanVersionRef[];
  stateChanges: Array<{ from: PlanState | null; to: PlanState; at: string; byStaffId: string | null; byUnitId: string | null; note: string | null }>;
  nextSteps: string[];
  /** The child's voice and the family's answers to plan versions (issue 5): read-only for staff. */
  /** The coordinator has opened the plan to the young person themself (from the county's age). */
  youngPersonAccess?: boolean;
  familyVoice?: Array<{ kind: 'my_goals' | 'what_matters'; text: string; writtenRole: 'child' | 'guardian'; writtenAt: string }>;
  approvals?: Array<{ versionNo: number; role: 'child' | 'guardian'; decision: 'approved' | 'commented'; comment: string | null; decidedAt: string }>;
}

export interface TimelineEntry { at: string; event: string; actorName: string | null; unitId: string | null; unitName: string | null; principalName: string | null; role: string | null; detail: Record<string, unknown> }
