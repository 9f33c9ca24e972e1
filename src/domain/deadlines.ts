/**
 * The deadlines of one plan, computed from its facts and a controlled `today`, so that nothing
 * falls between the chairs: the audits found follow-ups not known to happen and planned
 * interventions dropped at staff turnover (SIP.md §1). Pure: no clock, no database. The caller
 * gathers the facts, passes the Swedish calendar day it considers today, and a sweep turns the
 * answer into notifications, idempotently on each deadline's `key`.
 *
 * All days are Swedish calendar days 'YYYY-MM-DD' (an instant such as `invitations.starts_at`
 * becomes a day through `swedishDate`). Comparisons are plain string comparisons, which order
 * ISO days correctly.
 *
 * Facts dated after `today` (a meeting recorded as held later, an invitation sent later) are
 * ignored, so that the answer for a given `today` does not change when it is asked again later:
 * what the plan looked like on that day decides.
 */
import { isOpen, type PlanState } from './plan-lifecycle.ts';
import { addCalendarDays, addWorkingDays, assertIsoDay } from './working-days.ts';

export interface DeadlineIntervention {
  id: string;
  dueOn: string;
  status: 'planned' | 'ongoing' | 'done' | 'cancelled';
}

export interface DeadlineInvitee {
  id: string;
  answer: 'pending' | 'accepted' | 'declined';
}

export interface DeadlineInvitation {
  id: string;
  /** The day the invitation (kallelse) was sent. */
  sentOn: string;
  /** The day of the meeting it calls to. */
  startsOn: string;
  cancelled: boolean;
  invitees: readonly DeadlineInvitee[];
}

export interface DeadlineConsent {
  id: string;
  /** The last day the consent is valid (inclusive, as in consent.ts). */
  validUntil: string;
  withdrawn: boolean;
}

export interface DeadlineMeeting {
  heldOn: string;
}

/** What the deadline rules need to know about a plan. */
export interface DeadlinePlan {
  id: string;
  state: PlanState;
  /** The Swedish day of the initiative (the day of `plans.initiated_at`). */
  initiatedOn: string;
  nextFollowUpOn: string | null;
  interventions: readonly DeadlineIntervention[];
  invitations: readonly DeadlineInvitation[];
  consents: readonly DeadlineConsent[];
  meetings: readonly DeadlineMeeting[];
}

/**
 * The settings behind the deadlines. Calendar days unless the name says working days (Swedish
 * working days, see working-days.ts). A county or a local agreement may override any of them.
 */
export interface DeadlineRules {
  /** An invitee who has not answered this many calendar days after the invitation was sent is chased. */
  unansweredInvitationAfterDays: number;
  /** A consent's expiry is announced this many calendar days ahead. */
  consentExpiryWarningDays: number;
  /**
   * Lotsmodellen: at most this many working days from invitation to the network meeting; null where
   * the local agreement does not follow Lotsmodellen (then no 'lotsmodellen_meeting' deadlines).
   */
  lotsmodellenMaxWorkingDays: number | null;
  /** "Utan dröjsmål": the first meeting is held within this many working days of the initiative. */
  firstMeetingWithinWorkingDays: number;
  /** A follow-up date is announced this many calendar days ahead. */
  followUpWarningDays: number;
  /** An intervention's due date is announced this many calendar days ahead. */
  interventionDueWarningDays: number;
}

export const DEFAULT_DEADLINE_RULES: Readonly<DeadlineRules> = Object.freeze({
  // Three days leaves the invitee time to check calendars, and still leaves the convener time to
  // find a replacement before a meeting that Lotsmodellen puts within three working weeks.
  unansweredInvitationAfterDays: 3,
  // A month to obtain a new consent: under joint custody both guardians must give it (SIP.md §2).
  consentExpiryWarningDays: 30,
  // Lotsmodellen (north-east Skåne, Kristianstad; SIP.md §4): "at most 15 working days pass from
  // invitation to the network meeting". The number is a setting of the local agreement (lokal
  // överenskommelse); 15 is the one Lotsmodellen names.
  lotsmodellenMaxWorkingDays: 15,
  // SoL 2 kap 7 § and HSL 16 kap 4 § say work on the plan shall start "utan dröjsmål" but give no
  // number. Four working weeks from initiative to the meeting where the plan is drawn up is the
  // outer bound we apply everywhere; it is deliberately looser than Lotsmodellen's 15 so that,
  // where both apply, the local agreement's deviation is raised first and the statutory one a
  // week later as an escalation, rather than two notices on the same day for the same delay.
  firstMeetingWithinWorkingDays: 20,
  // The same fortnight the worklist shows follow-ups in (services/plans/get-worklist.ts,
  // FOLLOW_UP_HORIZON_DAYS; UI.md "this fortnight or late").
  followUpWarningDays: 14,
  // A week's notice lets the responsible person finish or report before the date passes.
  interventionDueWarningDays: 7,
});

export type DeadlineKind =
  | 'follow_up'
  | 'intervention_due'
  | 'invitation_unanswered'
  | 'consent_expiring'
  | 'lotsmodellen_meeting'
  | 'first_meeting_delayed';

/** Before `dueOn`, on it, after it. */
export type DeadlineStatus = 'upcoming' | 'due' | 'overdue';

export interface Deadline {
  kind: DeadlineKind;
  /**
   * Identifies this deadline occurrence, independent of `today` and of its status:
   * `<kind>:<planId>:<dueOn>` when the plan itself is the subject, otherwise
   * `<kind>:<planId>:<subjectId>:<dueOn>`. A moved date is a new occurrence with a new key; a sweep
   * that wants to notify once per stage appends the status itself.
   */
  key: string;
  planId: string;
  /**
   * What the deadline is about: the plan (follow_up, first_meeting_delayed, lotsmodellen_meeting
   * on the plan), an intervention, an invitee (invitation_unanswered), a consent, or an invitation
   * (lotsmodellen_meeting on an invitation that books the meeting too late).
   */
  subjectId: string;
  dueOn: string;
  status: DeadlineStatus;
  /** The invitation concerned, for invitation_unanswered and for lotsmodellen_meeting on an invitation. */
  invitationId?: string;
  /** The booked meeting day, where an invitation is concerned. */
  meetingOn?: string;
}

/** 'upcoming' before `dueOn`, 'due' on it, 'overdue' after it. */
export function deadlineStatus(dueOn: string, today: string): DeadlineStatus {
  return today < dueOn ? 'upcoming' : today === dueOn ? 'due' : 'overdue';
}

/** The idempotency key of a deadline occurrence (see `Deadline.key`). */
export function deadlineKey(kind: DeadlineKind, planId: string, subjectId: string, dueOn: string): string {
  return subjectId === planId ? `${kind}:${planId}:${dueOn}` : `${kind}:${planId}:${subjectId}:${dueOn}`;
}

/** Throws RangeError unless every rule is a whole number of days, not negative (Lotsmodellen may be null). */
export function checkDeadlineRules(rules: DeadlineRules): void {
  const entries = Object.entries(rules) as Array<[keyof DeadlineRules, number | null]>;
  for (const [name, value] of entries) {
    if (value === null && name === 'lotsmodellenMaxWorkingDays') continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new RangeError(`deadline rule ${name} must be a whole number of days, 0 or more: ${String(value)}`);
    }
  }
}

/** States in which the plan is still waiting for the meeting where it is drawn up. */
const BEFORE_FIRST_MEETING: readonly PlanState[] = ['initiated', 'invited', 'mapped'];

/**
 * Every deadline of `plan` that matters on `today`, sorted by due date. A closed or cancelled plan
 * has none. The rules, one kind each:
 *
 * - follow_up: the plan's next follow-up date, once the plan is established (or evaluated), from
 *   `followUpWarningDays` before it. Holding the follow-up moves the date and so ends it.
 * - intervention_due: each planned or ongoing intervention's due date, from
 *   `interventionDueWarningDays` before it. Done and cancelled interventions have none.
 * - invitation_unanswered: each invitee who has not answered a sent, not cancelled invitation;
 *   due `unansweredInvitationAfterDays` after sending, or on the meeting day if that comes first.
 *   It ends after the meeting day: chasing an answer to a meeting that has passed helps nobody.
 * - consent_expiring: each consent not withdrawn, due on its last valid day, from
 *   `consentExpiryWarningDays` before it, and overdue once expired, because nothing may be shared
 *   without consent (OSL 23, 25 and 26 kap). A consent that a later-ending one has replaced has none.
 * - lotsmodellen_meeting (when the local agreement follows Lotsmodellen), while the plan waits
 *   for its first meeting:
 *   - on an invitation: a meeting booked more than N working days after the invitation was sent
 *     breaks the agreement the day it is sent, so it is 'overdue' at once, due on the last day
 *     the agreement allows (sending + N working days). Re-booking the meeting within it ends it.
 *   - on the plan: in Lotsmodellen the guardian signs the invitation when the process starts, so
 *     the clock also runs from the initiative: unless a meeting is booked on or before
 *     initiative + N working days (and that day has not passed), the plan is flagged, due then.
 * - first_meeting_delayed: "utan dröjsmål" (SoL 2 kap 7 §, HSL 16 kap 4 §): while the plan waits
 *   for its first meeting and none is booked on or before initiative + M working days (and not
 *   yet passed), it is flagged, due then.
 *
 * "Waits for its first meeting" means: state initiated, invited or mapped and no meeting held
 * by `today`. Once a meeting is held the two meeting clocks stop; how late it came is a key figure,
 * not a reminder.
 */
export function computeDeadlines(plan: DeadlinePlan, rules: DeadlineRules, today: string): Deadline[] {
  assertIsoDay(today);
  checkDeadlineRules(rules);
  if (!isOpen(plan.state)) return [];

  const found: Deadline[] = [];
  const add = (kind: DeadlineKind, subjectId: string, dueOn: string, extra: Pick<Deadline, 'invitationId' | 'meetingOn'> = {}): void => {
    found.push({ kind, key: deadlineKey(kind, plan.id, subjectId, dueOn), planId: plan.id, subjectId, dueOn, status: deadlineStatus(dueOn, today), ...extra });
  };
  const fromDay = (dueOn: string, warningDays: number): boolean => today >= addCalendarDays(dueOn, -warningDays);
  const sent = plan.invitations.filter((i) => !i.cancelled && i.sentOn <= today);

  // SIP.md §4: the established plan sets the next follow-up date; the worklist's rule on states.
  if ((plan.state === 'established' || plan.state === 'evaluated') && plan.nextFollowUpOn !== null) {
    if (fromDay(plan.nextFollowUpOn, rules.followUpWarningDays)) add('follow_up', plan.id, plan.nextFollowUpOn);
  }

  for (const iv of plan.interventions) {
    if (iv.status !== 'planned' && iv.status !== 'ongoing') continue;
    if (fromDay(iv.dueOn, rules.interventionDueWarningDays)) add('intervention_due', iv.id, iv.dueOn);
  }

  for (const inv of sent) {
    if (today > inv.startsOn) continue;
    const chaseOn = addCalendarDays(inv.sentOn, rules.unansweredInvitationAfterDays);
    const dueOn = chaseOn < inv.startsOn ? chaseOn : inv.startsOn;
    for (const invitee of inv.invitees) {
      if (invitee.answer === 'pending') add('invitation_unanswered', invitee.id, dueOn, { invitationId: inv.id, meetingOn: inv.startsOn });
    }
  }

  const live = plan.consents.filter((c) => !c.withdrawn);
  for (const c of live) {
    if (live.some((other) => other.validUntil > c.validUntil)) continue;
    if (fromDay(c.validUntil, rules.consentExpiryWarningDays)) add('consent_expiring', c.id, c.validUntil);
  }

  const waitsForFirstMeeting = BEFORE_FIRST_MEETING.includes(plan.state) && !plan.meetings.some((m) => m.heldOn <= today);
  if (waitsForFirstMeeting) {
    /** Whether a meeting is booked on or before `limit` and its day has not passed. */
    const bookedBy = (limit: string): boolean => sent.some((i) => i.startsOn >= today && i.startsOn <= limit);

    const n = rules.lotsmodellenMaxWorkingDays;
    if (n !== null) {
      for (const inv of sent) {
        const limit = addWorkingDays(inv.sentOn, n);
        if (inv.startsOn > limit) {
          // The deviation is a fact from the day of sending, whatever today is.
          found.push({
            kind: 'lotsmodellen_meeting', key: deadlineKey('lotsmodellen_meeting', plan.id, inv.id, limit), planId: plan.id,
            subjectId: inv.id, dueOn: limit, status: 'overdue', invitationId: inv.id, meetingOn: inv.startsOn,
          });
        }
      }
      const limit = addWorkingDays(plan.initiatedOn, n);
      if (!bookedBy(limit)) add('lotsmodellen_meeting', plan.id, limit);
    }

    const limit = addWorkingDays(plan.initiatedOn, rules.firstMeetingWithinWorkingDays);
    if (!bookedBy(limit)) add('first_meeting_delayed', plan.id, limit);
  }

  return found.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
