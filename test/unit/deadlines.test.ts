import { describe, it, expect } from 'vitest';
import { DEFAULT_DEADLINE_RULES, computeDeadlines } from '../../src/domain/deadlines.ts';
import type { Deadline, DeadlineInvitation, DeadlinePlan, DeadlineRules } from '../../src/domain/deadlines.ts';
import type { PlanState } from '../../src/domain/plan-lifecycle.ts';

// Every `today` is passed in: the clock is the test's. The expected dates are worked out by hand
// from the calendar in the comments (the same months as in working-days.test.ts), never by calling
// the functions under test.
//
//      March 2027              April 2027              June 2027               July 2027
// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
//  1  2  3  4  5  6  7              1  2  3  4        1  2  3  4  5  6              1  2  3  4
//  8  9 10 11 12 13 14     5  6  7  8  9 10 11     7  8  9 10 11 12 13     5  6  7  8  9 10 11
// 15 16 17 18 19 20 21    12 13 14 15 16 17 18    14 15 16 17 18 19 20    12 13 14 15 16 17 18
// 22 23 24 25 26 27 28    19 20 21 22 23 24 25    21 22 23 24 25 26 27    19 20 21 22 23 24 25
// 29 30 31                26 27 28 29 30          28 29 30                26 27 28 29 30 31
//
// Good Friday 26 March and Easter Monday 29 March 2027 are off; so is midsummer eve, Friday 25 June.
//
// From an initiative or invitation on Monday 15 March 2027:
//   15 working days → Wednesday 7 April (16–19, 22–25, 30–31, 1–2, 5–7 April; 26 and 29 March off)
//   20 working days → Wednesday 14 April (8, 9, 12, 13, 14 April)
// From Monday 14 June 2027:
//   15 working days → Tuesday 6 July (15–18, 21–24, 28–30, 1–2, 5–6 July; 25 June off)
//   20 working days → Tuesday 13 July (7, 8, 9, 12, 13 July)

const EASTER_START = '2027-03-15';
const EASTER_LOTS_LIMIT = '2027-04-07';
const EASTER_FIRST_MEETING_LIMIT = '2027-04-14';
const MIDSUMMER_START = '2027-06-14';
const MIDSUMMER_LOTS_LIMIT = '2027-07-06';
const MIDSUMMER_FIRST_MEETING_LIMIT = '2027-07-13';

const RULES: DeadlineRules = DEFAULT_DEADLINE_RULES;

function plan(overrides: Partial<DeadlinePlan> = {}): DeadlinePlan {
  return {
    id: 'P1',
    state: 'initiated',
    initiatedOn: EASTER_START,
    nextFollowUpOn: null,
    interventions: [],
    invitations: [],
    consents: [],
    meetings: [],
    ...overrides,
  };
}

function invitation(overrides: Partial<DeadlineInvitation> = {}): DeadlineInvitation {
  return { id: 'V1', sentOn: EASTER_START, startsOn: EASTER_LOTS_LIMIT, cancelled: false, invitees: [], ...overrides };
}

function ofKind(list: Deadline[], kind: Deadline['kind']): Deadline[] {
  return list.filter((d) => d.kind === kind);
}

/** The one deadline of `kind` on the subject, or undefined. */
function one(p: DeadlinePlan, today: string, kind: Deadline['kind'], subjectId: string, rules: DeadlineRules = RULES): Deadline | undefined {
  const hits = computeDeadlines(p, rules, today).filter((d) => d.kind === kind && d.subjectId === subjectId);
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0];
}

describe('the default rules', () => {
  it('are the documented settings', () => {
    expect(DEFAULT_DEADLINE_RULES).toEqual({
      unansweredInvitationAfterDays: 3,
      consentExpiryWarningDays: 30,
      lotsmodellenMaxWorkingDays: 15,
      firstMeetingWithinWorkingDays: 20,
      followUpWarningDays: 14,
      interventionDueWarningDays: 7,
    });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_DEADLINE_RULES)).toBe(true);
  });

  it('a negative or fractional rule, or a malformed today, is refused', () => {
    expect(() => computeDeadlines(plan(), { ...RULES, followUpWarningDays: -1 }, '2027-03-15')).toThrow(RangeError);
    expect(() => computeDeadlines(plan(), { ...RULES, unansweredInvitationAfterDays: 2.5 }, '2027-03-15')).toThrow(RangeError);
    expect(() => computeDeadlines(plan(), RULES, '15/3/2027')).toThrow(RangeError);
  });
});

describe('closed and cancelled plans', () => {
  // A plan with something due under every rule, were it open.
  const busy = (state: PlanState): DeadlinePlan => plan({
    state,
    nextFollowUpOn: '2027-03-20',
    interventions: [{ id: 'I1', dueOn: '2027-03-01', status: 'ongoing' }],
    invitations: [invitation({ startsOn: '2027-05-03', invitees: [{ id: 'A', answer: 'pending' }] })],
    consents: [{ id: 'K1', validUntil: '2027-03-10', withdrawn: false }],
  });

  it('an open plan in the same shape has deadlines (the fixture is not empty)', () => {
    expect(computeDeadlines(busy('initiated'), RULES, '2027-04-20').length).toBeGreaterThan(0);
    expect(computeDeadlines(busy('established'), RULES, '2027-04-20').length).toBeGreaterThan(0);
  });

  it('have none', () => {
    expect(computeDeadlines(busy('closed'), RULES, '2027-04-20')).toEqual([]);
    expect(computeDeadlines(busy('cancelled'), RULES, '2027-04-20')).toEqual([]);
  });
});

describe('follow_up: from 14 days before the follow-up date', () => {
  // Follow-up on Wednesday 30 June 2027; 14 days earlier is Wednesday 16 June.
  const p = plan({ state: 'established', nextFollowUpOn: '2027-06-30' });

  it.each([
    ['2027-06-15', undefined],
    ['2027-06-16', 'upcoming'],
    ['2027-06-29', 'upcoming'],
    ['2027-06-30', 'due'],
    ['2027-07-01', 'overdue'],
    ['2027-12-01', 'overdue'],
  ] as const)('on %s: %s', (today, status) => {
    expect(one(p, today, 'follow_up', 'P1')?.status).toBe(status);
  });

  it('is dated on the follow-up day and keyed by plan and date', () => {
    expect(one(p, '2027-06-30', 'follow_up', 'P1')).toEqual({
      kind: 'follow_up', key: 'follow_up:P1:2027-06-30', planId: 'P1', subjectId: 'P1', dueOn: '2027-06-30', status: 'due',
    });
  });

  it('applies to an evaluated plan too, but not to one still being drawn up', () => {
    expect(one({ ...p, state: 'evaluated' }, '2027-06-30', 'follow_up', 'P1')?.status).toBe('due');
    expect(one({ ...p, state: 'mapped' }, '2027-06-30', 'follow_up', 'P1')).toBeUndefined();
  });

  it('the warning period is a setting', () => {
    expect(one(p, '2027-06-22', 'follow_up', 'P1', { ...RULES, followUpWarningDays: 7 })).toBeUndefined();
    expect(one(p, '2027-06-23', 'follow_up', 'P1', { ...RULES, followUpWarningDays: 7 })?.status).toBe('upcoming');
  });

  it('a plan without a follow-up date has no follow-up deadline', () => {
    expect(one({ ...p, nextFollowUpOn: null }, '2027-06-30', 'follow_up', 'P1')).toBeUndefined();
  });
});

describe('intervention_due: from 7 days before the due date, for planned and ongoing interventions', () => {
  // Due Thursday 20 May 2027; seven days earlier is Thursday 13 May.
  const p = plan({
    state: 'established',
    meetings: [{ heldOn: '2027-04-01' }],
    interventions: [
      { id: 'I1', dueOn: '2027-05-20', status: 'planned' },
      { id: 'I2', dueOn: '2027-05-20', status: 'ongoing' },
      { id: 'I3', dueOn: '2027-05-20', status: 'done' },
      { id: 'I4', dueOn: '2027-05-20', status: 'cancelled' },
    ],
  });

  it.each([
    ['2027-05-12', undefined],
    ['2027-05-13', 'upcoming'],
    ['2027-05-19', 'upcoming'],
    ['2027-05-20', 'due'],
    ['2027-05-21', 'overdue'],
  ] as const)('on %s: %s', (today, status) => {
    expect(one(p, today, 'intervention_due', 'I1')?.status).toBe(status);
    expect(one(p, today, 'intervention_due', 'I2')?.status).toBe(status);
  });

  it('done and cancelled interventions have none, even long after the date', () => {
    const subjects = ofKind(computeDeadlines(p, RULES, '2027-09-01'), 'intervention_due').map((d) => d.subjectId);
    expect(subjects.sort()).toEqual(['I1', 'I2']);
  });

  it('is keyed by plan, intervention and date', () => {
    expect(one(p, '2027-05-20', 'intervention_due', 'I1')?.key).toBe('intervention_due:P1:I1:2027-05-20');
  });
});

describe('invitation_unanswered: each invitee who has not answered, after 3 calendar days', () => {
  // Sent Monday 15 March 2027, meeting Wednesday 7 April; 15 + 3 days = Thursday 18 March.
  const inv = invitation({
    invitees: [
      { id: 'A', answer: 'pending' },
      { id: 'B', answer: 'accepted' },
      { id: 'C', answer: 'declined' },
    ],
  });
  const p = plan({ state: 'invited', invitations: [inv] });

  it.each([
    ['2027-03-14', undefined], // not yet sent
    ['2027-03-15', 'upcoming'],
    ['2027-03-17', 'upcoming'],
    ['2027-03-18', 'due'],
    ['2027-03-19', 'overdue'],
    ['2027-04-07', 'overdue'], // the meeting day itself
    ['2027-04-08', undefined], // the meeting has passed: nothing left to chase
  ] as const)('on %s: %s', (today, status) => {
    expect(one(p, today, 'invitation_unanswered', 'A')?.status).toBe(status);
  });

  it('answered invitees have none', () => {
    const subjects = ofKind(computeDeadlines(p, RULES, '2027-03-19'), 'invitation_unanswered').map((d) => d.subjectId);
    expect(subjects).toEqual(['A']);
  });

  it('names the invitation and the meeting day, and is keyed by invitee and date', () => {
    expect(one(p, '2027-03-18', 'invitation_unanswered', 'A')).toEqual({
      kind: 'invitation_unanswered', key: 'invitation_unanswered:P1:A:2027-03-18', planId: 'P1', subjectId: 'A',
      dueOn: '2027-03-18', status: 'due', invitationId: 'V1', meetingOn: '2027-04-07',
    });
  });

  it('a cancelled invitation has none', () => {
    const cancelled = plan({ state: 'invited', invitations: [{ ...inv, cancelled: true }] });
    expect(ofKind(computeDeadlines(cancelled, RULES, '2027-03-19'), 'invitation_unanswered')).toEqual([]);
  });

  it('the number of days is a setting', () => {
    // 15 March + 5 days = Saturday 20 March: calendar days, not working days.
    expect(one(p, '2027-03-19', 'invitation_unanswered', 'A', { ...RULES, unansweredInvitationAfterDays: 5 })?.status).toBe('upcoming');
    expect(one(p, '2027-03-20', 'invitation_unanswered', 'A', { ...RULES, unansweredInvitationAfterDays: 5 })?.status).toBe('due');
  });

  it('is due on the meeting day at the latest when the meeting is sooner', () => {
    // Sent Monday 15 March for a meeting on Wednesday 17 March: due 17 March, not 18.
    const soon = plan({ state: 'invited', invitations: [{ ...inv, startsOn: '2027-03-17' }] });
    expect(one(soon, '2027-03-16', 'invitation_unanswered', 'A')?.status).toBe('upcoming');
    expect(one(soon, '2027-03-17', 'invitation_unanswered', 'A')).toMatchObject({ dueOn: '2027-03-17', status: 'due' });
    expect(one(soon, '2027-03-18', 'invitation_unanswered', 'A')).toBeUndefined();
  });
});

describe('consent_expiring: from 30 days before the last valid day', () => {
  // Valid until Friday 31 December 2027; 30 days earlier is Wednesday 1 December.
  const p = plan({ state: 'established', meetings: [{ heldOn: '2027-04-01' }], consents: [{ id: 'K1', validUntil: '2027-12-31', withdrawn: false }] });

  it.each([
    ['2027-11-30', undefined],
    ['2027-12-01', 'upcoming'],
    ['2027-12-30', 'upcoming'],
    ['2027-12-31', 'due'], // the last day it is valid
    ['2028-01-01', 'overdue'], // expired: nothing may be shared any more
  ] as const)('on %s: %s', (today, status) => {
    expect(one(p, today, 'consent_expiring', 'K1')?.status).toBe(status);
  });

  it('is keyed by consent and date', () => {
    expect(one(p, '2027-12-31', 'consent_expiring', 'K1')?.key).toBe('consent_expiring:P1:K1:2027-12-31');
  });

  it('a withdrawn consent has none', () => {
    const withdrawn = plan({ ...p, consents: [{ id: 'K1', validUntil: '2027-12-31', withdrawn: true }] });
    expect(ofKind(computeDeadlines(withdrawn, RULES, '2027-12-31'), 'consent_expiring')).toEqual([]);
  });

  it('a consent replaced by a later-ending one has none; the new one is announced in its turn', () => {
    const renewed = plan({ ...p, consents: [
      { id: 'K1', validUntil: '2027-12-31', withdrawn: false },
      { id: 'K2', validUntil: '2028-12-31', withdrawn: false },
    ] });
    expect(ofKind(computeDeadlines(renewed, RULES, '2028-01-05'), 'consent_expiring')).toEqual([]);
    // 31 December 2028 less 30 days is Thursday 1 December 2028.
    expect(one(renewed, '2028-12-01', 'consent_expiring', 'K2')?.status).toBe('upcoming');
    expect(one(renewed, '2028-12-01', 'consent_expiring', 'K1')).toBeUndefined();
  });

  it('a later consent that was withdrawn does not replace the earlier one', () => {
    const renewedThenWithdrawn = plan({ ...p, consents: [
      { id: 'K1', validUntil: '2027-12-31', withdrawn: false },
      { id: 'K2', validUntil: '2028-12-31', withdrawn: true },
    ] });
    expect(one(renewedThenWithdrawn, '2027-12-31', 'consent_expiring', 'K1')?.status).toBe('due');
  });
});

describe('lotsmodellen_meeting across Easter 2027 (15 working days from Monday 15 March = Wednesday 7 April)', () => {
  it('an invitation booking the meeting on Thursday 8 April is a deviation the day it is sent', () => {
    // Three plain weeks would end on Monday 5 April; an Easter-blind count would accept 6, 7 and 8
    // April alike. The agreement allows 7 April at the latest.
    const p = plan({ state: 'invited', invitations: [invitation({ startsOn: '2027-04-08' })] });
    expect(one(p, '2027-03-15', 'lotsmodellen_meeting', 'V1')).toEqual({
      kind: 'lotsmodellen_meeting', key: `lotsmodellen_meeting:P1:V1:${EASTER_LOTS_LIMIT}`, planId: 'P1', subjectId: 'V1',
      dueOn: EASTER_LOTS_LIMIT, status: 'overdue', invitationId: 'V1', meetingOn: '2027-04-08',
    });
  });

  it.each(['2027-04-05', '2027-04-06', EASTER_LOTS_LIMIT])('a meeting booked on %s keeps the agreement', (startsOn) => {
    const p = plan({ state: 'invited', invitations: [invitation({ startsOn })] });
    const lots = ofKind(computeDeadlines(p, RULES, '2027-03-15'), 'lotsmodellen_meeting');
    expect(lots).toEqual([]);
  });

  it('an initiated plan with nothing booked: upcoming, due on 7 April, overdue on 8 April', () => {
    const p = plan();
    expect(one(p, '2027-03-15', 'lotsmodellen_meeting', 'P1')?.status).toBe('upcoming');
    expect(one(p, '2027-04-06', 'lotsmodellen_meeting', 'P1')?.status).toBe('upcoming');
    expect(one(p, EASTER_LOTS_LIMIT, 'lotsmodellen_meeting', 'P1')).toEqual({
      kind: 'lotsmodellen_meeting', key: `lotsmodellen_meeting:P1:${EASTER_LOTS_LIMIT}`, planId: 'P1', subjectId: 'P1',
      dueOn: EASTER_LOTS_LIMIT, status: 'due',
    });
    expect(one(p, '2027-04-08', 'lotsmodellen_meeting', 'P1')?.status).toBe('overdue');
  });

  it('a meeting booked after the limit flags both the invitation and the plan', () => {
    const p = plan({ state: 'invited', invitations: [invitation({ sentOn: '2027-03-22', startsOn: '2027-04-20' })] });
    const lots = ofKind(computeDeadlines(p, RULES, '2027-03-22'), 'lotsmodellen_meeting');
    // 15 working days from Monday 22 March: 23 24 25 | 30 31 1 2 | 5–9 | 12 13 14 → Wednesday 14 April.
    expect(lots.map((d) => [d.subjectId, d.dueOn, d.status])).toEqual([
      ['P1', EASTER_LOTS_LIMIT, 'upcoming'],
      ['V1', '2027-04-14', 'overdue'],
    ]);
  });

  it('a booked meeting whose day passed without being held no longer counts', () => {
    // Booked for Tuesday 30 March, nothing recorded as held by Wednesday 31 March.
    const p = plan({ state: 'invited', invitations: [invitation({ startsOn: '2027-03-30' })] });
    expect(one(p, '2027-03-30', 'lotsmodellen_meeting', 'P1')).toBeUndefined();
    expect(one(p, '2027-03-31', 'lotsmodellen_meeting', 'P1')?.status).toBe('upcoming');
  });

  it('a cancelled invitation does not keep the clock', () => {
    const p = plan({ state: 'invited', invitations: [invitation({ startsOn: '2027-03-30', cancelled: true })] });
    expect(one(p, '2027-03-20', 'lotsmodellen_meeting', 'P1')?.status).toBe('upcoming');
  });

  it('once the first meeting is held nothing is flagged any more, even if it came late', () => {
    const p = plan({ state: 'invited', invitations: [invitation({ startsOn: '2027-04-12' })], meetings: [{ heldOn: '2027-04-12' }] });
    expect(ofKind(computeDeadlines(p, RULES, '2027-04-12'), 'lotsmodellen_meeting')).toEqual([]);
    expect(ofKind(computeDeadlines(p, RULES, '2027-04-12'), 'first_meeting_delayed')).toEqual([]);
    // The day before, the meeting was not held yet: the invitation broke the agreement.
    expect(one(p, '2027-04-11', 'lotsmodellen_meeting', 'V1')?.status).toBe('overdue');
  });

  it('the limit is a setting of the local agreement: 10 working days from 15 March is Wednesday 31 March', () => {
    // 16 17 18 19 | 22 23 24 25 | (26, 29 off) 30 31
    const rules = { ...RULES, lotsmodellenMaxWorkingDays: 10 };
    const p = plan({ state: 'invited', invitations: [invitation({ startsOn: '2027-04-01' })] });
    expect(one(p, '2027-03-15', 'lotsmodellen_meeting', 'V1', rules)).toMatchObject({ dueOn: '2027-03-31', status: 'overdue' });
    expect(one({ ...p, invitations: [invitation({ startsOn: '2027-03-31' })] }, '2027-03-15', 'lotsmodellen_meeting', 'V1', rules)).toBeUndefined();
  });

  it('where the local agreement does not follow Lotsmodellen (null) there are none', () => {
    const p = plan({ state: 'invited', invitations: [invitation({ startsOn: '2027-05-20' })] });
    const found = computeDeadlines(p, { ...RULES, lotsmodellenMaxWorkingDays: null }, '2027-04-20');
    expect(ofKind(found, 'lotsmodellen_meeting')).toEqual([]);
    expect(ofKind(found, 'first_meeting_delayed')).toHaveLength(1);
  });
});

describe('lotsmodellen_meeting across midsummer 2027 (15 working days from Monday 14 June = Tuesday 6 July)', () => {
  const p = plan({ initiatedOn: MIDSUMMER_START });

  it('a meeting booked on Tuesday 6 July keeps the agreement; Monday 5 July would be the midsummer-blind limit', () => {
    const booked = (startsOn: string) => plan({ ...p, state: 'invited', invitations: [invitation({ sentOn: MIDSUMMER_START, startsOn })] });
    expect(ofKind(computeDeadlines(booked(MIDSUMMER_LOTS_LIMIT), RULES, MIDSUMMER_START), 'lotsmodellen_meeting')).toEqual([]);
    expect(one(booked('2027-07-07'), MIDSUMMER_START, 'lotsmodellen_meeting', 'V1')).toMatchObject({ dueOn: MIDSUMMER_LOTS_LIMIT, status: 'overdue' });
  });

  it.each([
    ['2027-06-25', 'upcoming'], // midsummer eve
    ['2027-07-05', 'upcoming'],
    [MIDSUMMER_LOTS_LIMIT, 'due'],
    ['2027-07-07', 'overdue'],
  ] as const)('with nothing booked, on %s: %s', (today, status) => {
    expect(one(p, today, 'lotsmodellen_meeting', 'P1')).toMatchObject({ dueOn: MIDSUMMER_LOTS_LIMIT, status });
  });
});

describe('first_meeting_delayed: "utan dröjsmål", 20 working days from the initiative', () => {
  it.each([
    ['2027-03-15', 'upcoming'],
    ['2027-04-13', 'upcoming'],
    [EASTER_FIRST_MEETING_LIMIT, 'due'],
    ['2027-04-15', 'overdue'],
  ] as const)('across Easter, initiated 15 March, on %s: %s', (today, status) => {
    expect(one(plan(), today, 'first_meeting_delayed', 'P1')).toMatchObject({
      key: `first_meeting_delayed:P1:${EASTER_FIRST_MEETING_LIMIT}`, dueOn: EASTER_FIRST_MEETING_LIMIT, status,
    });
  });

  it('across midsummer, initiated 14 June, it is due on Tuesday 13 July', () => {
    expect(one(plan({ initiatedOn: MIDSUMMER_START }), MIDSUMMER_FIRST_MEETING_LIMIT, 'first_meeting_delayed', 'P1'))
      .toMatchObject({ dueOn: MIDSUMMER_FIRST_MEETING_LIMIT, status: 'due' });
  });

  it('a meeting booked by the limit holds it off; one booked later does not', () => {
    const inTime = plan({ state: 'invited', invitations: [invitation({ startsOn: EASTER_FIRST_MEETING_LIMIT })] });
    expect(one(inTime, '2027-04-10', 'first_meeting_delayed', 'P1')).toBeUndefined();
    const late = plan({ state: 'invited', invitations: [invitation({ startsOn: '2027-04-15' })] });
    expect(one(late, '2027-04-10', 'first_meeting_delayed', 'P1')?.status).toBe('upcoming');
  });

  it('a held meeting, or an established plan, ends it', () => {
    expect(one(plan({ meetings: [{ heldOn: '2027-04-20' }] }), '2027-04-20', 'first_meeting_delayed', 'P1')).toBeUndefined();
    expect(one(plan({ state: 'established' }), '2027-04-20', 'first_meeting_delayed', 'P1')).toBeUndefined();
  });

  it('facts dated after today are not seen: a meeting held on 20 April does not help on 15 April', () => {
    const p = plan({ meetings: [{ heldOn: '2027-04-20' }] });
    expect(one(p, '2027-04-15', 'first_meeting_delayed', 'P1')?.status).toBe('overdue');
  });

  it('the number of working days is a setting', () => {
    expect(one(plan(), EASTER_LOTS_LIMIT, 'first_meeting_delayed', 'P1', { ...RULES, firstMeetingWithinWorkingDays: 15 }))
      .toMatchObject({ dueOn: EASTER_LOTS_LIMIT, status: 'due' });
  });
});

describe('idempotency keys', () => {
  // A plan with something under every rule, looked at on several days.
  const p = plan({
    state: 'invited',
    nextFollowUpOn: '2027-04-30',
    interventions: [{ id: 'I1', dueOn: '2027-04-01', status: 'planned' }],
    invitations: [invitation({ startsOn: '2027-04-09', invitees: [{ id: 'A', answer: 'pending' }, { id: 'B', answer: 'pending' }] })],
    consents: [{ id: 'K1', validUntil: '2027-04-10', withdrawn: false }],
  });
  // The meeting of 9 April is within 20 working days, so first_meeting_delayed appears only after
  // that day has passed with no meeting recorded (12 and 15 April).
  const days = ['2027-03-15', '2027-03-18', '2027-03-25', '2027-04-01', '2027-04-07', '2027-04-08', '2027-04-09', '2027-04-12', '2027-04-15'];

  it('every kind the plan can have in this state is present on some day', () => {
    const kinds = new Set(days.flatMap((d) => computeDeadlines(p, RULES, d).map((x) => x.kind)));
    expect([...kinds].sort()).toEqual(['consent_expiring', 'first_meeting_delayed', 'intervention_due', 'invitation_unanswered', 'lotsmodellen_meeting']);
  });

  it('are unique within one answer', () => {
    for (const d of days) {
      const keys = computeDeadlines(p, RULES, d).map((x) => x.key);
      expect(new Set(keys).size, d).toBe(keys.length);
    }
  });

  it('stay the same for the same occurrence whatever today and the status are', () => {
    const seen = new Map<string, string>(); // kind + subject → key
    for (const d of days) {
      for (const x of computeDeadlines(p, RULES, d)) {
        const id = `${x.kind}/${x.subjectId}`;
        if (seen.has(id)) expect(x.key, `${id} on ${d}`).toBe(seen.get(id));
        else seen.set(id, x.key);
      }
    }
    expect(seen.get('invitation_unanswered/A')).toBe('invitation_unanswered:P1:A:2027-03-18');
    expect(seen.get('lotsmodellen_meeting/V1')).toBe('lotsmodellen_meeting:P1:V1:2027-04-07');
    expect(seen.get('first_meeting_delayed/P1')).toBe('first_meeting_delayed:P1:2027-04-14');
  });

  it('a moved follow-up date is a new occurrence with a new key', () => {
    const est = plan({ state: 'established', nextFollowUpOn: '2027-06-30' });
    const moved = { ...est, nextFollowUpOn: '2027-07-07' };
    expect(one(est, '2027-06-30', 'follow_up', 'P1')?.key).toBe('follow_up:P1:2027-06-30');
    expect(one(moved, '2027-06-30', 'follow_up', 'P1')?.key).toBe('follow_up:P1:2027-07-07');
  });
});

describe('the answer', () => {
  it('is sorted by due date', () => {
    const p = plan({
      state: 'established',
      meetings: [{ heldOn: '2027-03-01' }],
      nextFollowUpOn: '2027-06-20',
      interventions: [{ id: 'I2', dueOn: '2027-06-18', status: 'ongoing' }, { id: 'I1', dueOn: '2027-06-10', status: 'planned' }],
      consents: [{ id: 'K1', validUntil: '2027-06-15', withdrawn: false }],
    });
    expect(computeDeadlines(p, RULES, '2027-06-12').map((d) => [d.kind, d.dueOn, d.status])).toEqual([
      ['intervention_due', '2027-06-10', 'overdue'],
      ['consent_expiring', '2027-06-15', 'upcoming'],
      ['intervention_due', '2027-06-18', 'upcoming'],
      ['follow_up', '2027-06-20', 'upcoming'],
    ]);
  });
});
