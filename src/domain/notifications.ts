/**
 * Who is told about a deadline, and when: the rules that turn the deadlines of deadlines.ts into
 * notices. Pure: the sweep gathers the facts (who coordinates, who is responsible, who still
 * works in which unit) and stores what this answers.
 *
 * The audits found that follow-ups drop when staff change (SIP.md §1), so every rule names a
 * person who can act and falls back to someone who still can when that person has left: the
 * coordinator, then the unit's manager (närmaste chef, who re-assigns plans when staff leave,
 * SIP.md §3).
 */
import { addCalendarDays } from './working-days.ts';
import type { Deadline, DeadlineKind } from './deadlines.ts';

export const DEADLINE_KINDS: readonly DeadlineKind[] = [
  'follow_up', 'intervention_due', 'invitation_unanswered', 'consent_expiring', 'lotsmodellen_meeting', 'first_meeting_delayed',
];

/** Every kind of notice; the same list as the table notification_kinds (migrations 008 and 009). */
export const NOTIFICATION_KINDS = [
  ...DEADLINE_KINDS, 'invitation_received', 'invitation_changed', 'invitation_cancelled',
  'handover_pending', 'handover_assigned', 'coordinator_changed', 'family_consent_changed',
  // Deviations (migration 015): about a deviation, not a plan.
  'deviation_reported', 'deviation_escalated', 'deviation_measure_assigned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** 'reminder' before or on the due day, 'overdue' after it, 'info' for events such as a new kallelse. */
export type NotificationStage = 'reminder' | 'overdue' | 'info';

/**
 * How many calendar days ahead the two meeting clocks are announced. computeDeadlines lists them
 * from the day the plan starts (they run from the initiative); a notice that early would be noise
 * beside the kallelse itself, so the reminder comes in the last week, while there is still time
 * to book a meeting.
 */
export const MEETING_CLOCK_REMINDER_DAYS = 7;

/**
 * The stage a deadline is announced at on `today`, or null when it is not (yet) announced.
 * The other kinds come with computeDeadlines' own warning windows (follow-up 14 days, intervention
 * 7, consent 30): they are announced as soon as they are listed, and again once overdue.
 * An unanswered invitation is chased once, when the answer is due: before that it is an ordinary
 * open invitation (its notice was the kallelse), and after the meeting day it is no longer listed.
 */
export function notificationStage(d: Deadline, today: string): Exclude<NotificationStage, 'info'> | null {
  if (d.status === 'overdue') return d.kind === 'invitation_unanswered' ? 'reminder' : 'overdue';
  if (d.kind === 'invitation_unanswered') return d.status === 'due' ? 'reminder' : null;
  if (d.kind === 'lotsmodellen_meeting' || d.kind === 'first_meeting_delayed') {
    return today >= addCalendarDays(d.dueOn, -MEETING_CLOCK_REMINDER_DAYS) ? 'reminder' : null;
  }
  return 'reminder';
}

/** A staff member the plan names, and whether they still serve the unit they were named for. */
export interface StaffRef {
  staffId: string;
  active: boolean;
}

/** What the recipient rules need to know about one plan's people. */
export interface PlanPeople {
  /** The coordinator (samordnare), once appointed. */
  coordinator: StaffRef | null;
  /** The staff member who initiated the plan (the convener, sammankallande, until a coordinator is named). */
  initiator: StaffRef;
  /** Active managers of the coordinator's unit, or of the initiating unit while there is no coordinator. */
  ownerManagers: readonly string[];
  /** Active managers of the initiating unit. */
  initiatingManagers: readonly string[];
  interventions: Readonly<Record<string, { responsible: StaffRef; unitManagers: readonly string[] }>>;
  invitations: Readonly<Record<string, { sender: StaffRef }>>;
  /** Per invitee: a unit (with the people who answer for it, see unit_contacts in migration 008) or a person. */
  invitees: Readonly<Record<string, { kind: 'unit'; unitName: string; contacts: readonly string[] } | { kind: 'person' }>>;
}

/** Why someone is told: it decides the wording of the notice. */
export type RecipientRole = 'coordinator' | 'initiator' | 'responsible' | 'invitee' | 'convener' | 'manager';

export interface Recipient {
  staffId: string;
  as: RecipientRole;
}

/**
 * Who is told about deadline `d` at `stage`, each person once (the first reason wins).
 *
 * - follow_up, consent_expiring: the plan's owner: the coordinator, who owns the coordination
 *   toward the family and calls the follow-up (SIP.md §4); before one is appointed, the initiator,
 *   who obtained the consent.
 * - intervention_due: the named person responsible for the intervention (the plan names a
 *   responsible principal, unit and person for each, SoL 2 kap 7 § p. 2).
 * - invitation_unanswered: the people who answer for the invited unit, and the convener who sent
 *   the kallelse, so that the convener can chase the unit or, for a guardian, call the family.
 * - lotsmodellen_meeting on an invitation: its convener, who booked the meeting too late.
 * - lotsmodellen_meeting on the plan, first_meeting_delayed: the owner; once overdue also the
 *   managers of the initiating unit, because a plan not started "utan dröjsmål" (SoL 2 kap 7 §,
 *   HSL 16 kap 4 §) or outside the local agreement is a deviation, and deviations go first to the
 *   nearest managers (SIP.md §5).
 *
 * Anyone who no longer serves their unit is replaced by someone who can act: a responsible
 * person by their unit's managers, then by the owner; a coordinator by the managers of the
 * coordinator's unit (who re-assign the plan), then by the initiator; an initiator without a
 * coordinator by the initiating unit's managers.
 */
export function deadlineRecipients(d: Deadline, stage: Exclude<NotificationStage, 'info'>, people: PlanPeople): Recipient[] {
  const out: Recipient[] = [];
  const add = (staffId: string, as: RecipientRole) => {
    if (!out.some((r) => r.staffId === staffId)) out.push({ staffId, as });
  };
  const addManagers = (ids: readonly string[]) => {
    for (const m of ids) add(m, 'manager');
    return ids.length > 0;
  };
  const addOwner = () => {
    const initiator = () => people.initiator.active && (add(people.initiator.staffId, 'initiator'), true);
    if (people.coordinator) {
      if (people.coordinator.active) add(people.coordinator.staffId, 'coordinator');
      else addManagers(people.ownerManagers) || initiator();
    } else {
      initiator() || addManagers(people.ownerManagers);
    }
  };

  switch (d.kind) {
    case 'follow_up':
    case 'consent_expiring':
      addOwner();
      break;
    case 'intervention_due': {
      const iv = people.interventions[d.subjectId];
      if (iv?.responsible.active) add(iv.responsible.staffId, 'responsible');
      else if (!addManagers(iv?.unitManagers ?? [])) addOwner();
      break;
    }
    case 'invitation_unanswered': {
      const invitee = people.invitees[d.subjectId];
      if (invitee?.kind === 'unit') for (const c of invitee.contacts) add(c, 'invitee');
      const sender = d.invitationId ? people.invitations[d.invitationId]?.sender : undefined;
      if (sender?.active) add(sender.staffId, 'convener');
      else addOwner();
      break;
    }
    case 'lotsmodellen_meeting':
    case 'first_meeting_delayed': {
      const sender = d.subjectId !== d.planId && d.invitationId ? people.invitations[d.invitationId]?.sender : undefined;
      if (sender?.active) add(sender.staffId, 'convener');
      else addOwner();
      if (stage === 'overdue' && d.subjectId === d.planId) addManagers(people.initiatingManagers);
      break;
    }
  }
  return out;
}
