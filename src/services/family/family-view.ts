/**
 * The plan as the family is shown it: what the plan says about the child, in the order UI.md
 * asks for (next meeting, who to contact, what is being done, the goals in the child's own words
 * first), and nothing a family member should not see.
 *
 * Protected identity (skyddade personuppgifter; OSL 21 kap 3 §): no address, phone or e-mail of
 * any family member is ever part of this view, and the other guardians are not named. A guardian
 * of a child with protected identity may be the very person the child is protected from (the
 * other parent); that is for the Tax Agency and the social services to judge, not this page, so
 * the view gives no family member's details at all. Only the coordinator's work contact is shown.
 */
import type { FamilyPlanHeader } from '../../access/citizen-access.ts';

type Doc = Record<string, any>;

/** The parts of a frozen version the family is shown the difference of (web/src/plan/version-diff.ts). */
export function versionContent(content: Doc | null): Doc | null {
  if (!content) return null;
  const { coordinator, overallPrincipalId, nextFollowUpOn, needs, goals, interventions, measuresByOthers } = content;
  return { coordinator: coordinator ? { staffId: coordinator.staffId, unitId: coordinator.unitId, name: coordinator.name } : null,
    overallPrincipalId, nextFollowUpOn, needs, goals, interventions, measuresByOthers };
}

export interface FamilyExtras {
  voice: Array<{ kind: string; text: string; writtenRole: string; writtenAt: string; version: number; mine: boolean }>;
  approvals: Array<{ versionNo: number; decision: string; comment: string | null; decidedAt: string; mine: boolean; role: string }>;
  surveys: Array<{ meetingId: string }>;
  versions: Array<{ versionNo: number; reason: string; createdAt: string; content: Doc }>;
  principals: Array<{ id: string; name: string }>;
  coordinatorChange: { changedAt: string; formerName: string } | null;
}

/** How long the family page says that the contact person is new. */
const NEW_COORDINATOR_DAYS = 90;

export function familyView(plan: FamilyPlanHeader, doc: Doc, x: FamilyExtras, now: Date) {
  const units = new Map<string, { unitName: string; principalName: string | null }>();
  for (const p of doc.participants as Doc[]) if (p.kind === 'unit') units.set(p.unitId, { unitName: p.unitName, principalName: p.principalName });
  const principal = new Map(x.principals.map((p) => [p.id, p.name]));
  const coordinatorUnit = doc.coordinator ? units.get(doc.coordinator.unitId) : undefined;
  const invitations = (doc.invitations as Doc[])
    .filter((i) => !i.cancelledAt)
    .map((i) => {
      const mine = (i.invitees as Doc[] ?? []).find((v) => v.personId === plan.personId);
      return {
        id: i.id, purpose: i.purpose, question: i.question, startsAt: i.startsAt, endsAt: i.endsAt, place: i.place, videoLink: i.videoLink,
        upcoming: new Date(i.endsAt) > now,
        myAnswer: mine ? { answer: mine.answer, declineReason: mine.declineReason, version: mine.version } : null,
        units: (i.invitees as Doc[] ?? []).filter((v) => v.unitId).map((v) => ({ unitName: units.get(v.unitId)?.unitName ?? null, answer: v.answer })),
      };
    })
    .sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt)));
  const surveyed = new Set(x.surveys.map((s) => s.meetingId));
  const covered = new Set<string>();
  const consents = (doc.consents as Doc[]).map((c) => {
    if (c.active) for (const u of c.unitIds ?? []) covered.add(u);
    return { id: c.id, version: c.version, active: c.active, validFrom: c.validFrom, validUntil: c.validUntil, excludes: c.excludes,
      withdrawnAt: c.withdrawnAt, unitNames: (c.unitIds ?? []).map((u: string) => units.get(u)?.unitName ?? ''),
      withdrawnUnitNames: (c.withdrawnUnitIds ?? []).map((u: string) => units.get(u)?.unitName ?? '') };
  });
  const latest = x.versions.at(-1) ?? null;
  const previous = x.versions.length > 1 ? x.versions.at(-2)! : null;
  return {
    id: doc.id, planNumber: doc.planNumber, state: doc.state, version: doc.version, as: plan.as,
    child: { givenName: doc.child.givenName, familyName: doc.child.familyName, protectedIdentity: doc.child.protectedIdentity },
    reason: doc.reason,
    coordinator: doc.coordinator ? {
      name: doc.coordinator.name, phone: doc.coordinator.phone, email: doc.coordinator.email,
      unitName: coordinatorUnit?.unitName ?? null, principalName: coordinatorUnit?.principalName ?? null,
      // Told on the family's own page: there is no other channel to the family yet (no e-mail or SMS).
      newSince: x.coordinatorChange && now.getTime() - new Date(x.coordinatorChange.changedAt).getTime() < NEW_COORDINATOR_DAYS * 86_400_000
        ? { since: x.coordinatorChange.changedAt, formerName: x.coordinatorChange.formerName } : null,
    } : null,
    overallPrincipalName: doc.overallPrincipalId ? principal.get(doc.overallPrincipalId) ?? null : null,
    nextFollowUpOn: doc.nextFollowUpOn,
    invitations,
    meetings: (doc.meetings as Doc[]).map((m) => ({ id: m.id, heldAt: m.heldAt, kind: m.kind, byVideo: m.byVideo, childPresent: m.childPresent, surveyAnswered: surveyed.has(m.id) })),
    goals: (doc.goals as Doc[]).map((g) => ({ id: g.id, professionalWording: g.professionalWording, childWords: g.childWords })),
    interventions: (doc.interventions as Doc[]).map((i) => ({
      id: i.id, goalId: i.goalId, description: i.description, unitName: units.get(i.unitId)?.unitName ?? null,
      principalName: principal.get(i.principalId) ?? units.get(i.unitId)?.principalName ?? null,
      responsibleName: i.responsibleStaffName, startsOn: i.startsOn, dueOn: i.dueOn, status: i.status, overdue: i.overdue,
    })),
    measuresByOthers: (doc.measuresByOthers as Doc[]).map((m) => ({ actor: m.actor, description: m.description })),
    voice: Object.fromEntries(['my_goals', 'what_matters'].map((k) => [k, x.voice.find((v) => v.kind === k) ?? null])),
    units: [...units].map(([id, u]) => {
      // A consent the family has begun giving digitally, waiting for another guardian's.
      const pending = (doc.consents as Doc[]).find((c) => c.form === 'digital' && !c.sufficient && !c.withdrawnAt && (c.unitIds ?? []).includes(id));
      return { id, ...u, covered: covered.has(id),
        pending: pending ? { iGave: (pending.givers as Doc[] ?? []).some((g) => g.personId === plan.personId) } : null };
    }),
    consents,
    versions: x.versions.map((v) => ({ versionNo: v.versionNo, reason: v.reason, createdAt: v.createdAt })),
    // Names of principals and units, so that a change between versions reads in words, not ids.
    principals: x.principals,
    approval: latest ? {
      versionNo: latest.versionNo, reason: latest.reason, createdAt: latest.createdAt,
      current: versionContent(latest.content), previous: versionContent(previous?.content ?? null), previousVersionNo: previous?.versionNo ?? null,
      mine: x.approvals.find((a) => a.versionNo === latest.versionNo && a.mine) ?? null,
      others: x.approvals.filter((a) => a.versionNo === latest.versionNo && !a.mine).map((a) => ({ role: a.role, decision: a.decision, decidedAt: a.decidedAt })),
    } : null,
  };
}

export type FamilyPlanView = ReturnType<typeof familyView>;
