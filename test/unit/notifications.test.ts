import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../src/domain/deadlines.ts';
import { deadlineRecipients, notificationStage, type PlanPeople } from '../../src/domain/notifications.ts';
import { calendarText, parseCalendar, type CalendarEvent } from '../../src/services/notifications/icalendar.ts';
import { deadlineText, meetingTime } from '../../src/services/notifications/messages.ts';

const deadline = (over: Partial<Deadline>): Deadline => ({
  kind: 'follow_up', key: 'k', planId: 'P', subjectId: 'P', dueOn: '2027-04-07', status: 'upcoming', ...over,
});

const people = (over: Partial<PlanPeople> = {}): PlanPeople => ({
  coordinator: { staffId: 'coord', active: true },
  initiator: { staffId: 'init', active: true },
  ownerManagers: ['boss'],
  initiatingManagers: ['initboss'],
  interventions: { IV: { responsible: { staffId: 'resp', active: true }, unitManagers: ['ivboss'] } },
  invitations: { INV: { sender: { staffId: 'sender', active: true } } },
  invitees: { U: { kind: 'unit', unitName: 'BUP Kristianstad', contacts: ['bup1', 'bup2'] }, G: { kind: 'person' } },
  ...over,
});

describe('when a deadline is announced', () => {
  it('follow-ups, interventions and consents: as soon as they are listed, and again once overdue', () => {
    for (const kind of ['follow_up', 'intervention_due', 'consent_expiring'] as const) {
      expect(notificationStage(deadline({ kind, status: 'upcoming' }), '2027-03-20')).toBe('reminder');
      expect(notificationStage(deadline({ kind, status: 'due' }), '2027-04-07')).toBe('reminder');
      expect(notificationStage(deadline({ kind, status: 'overdue' }), '2027-04-08')).toBe('overdue');
    }
  });

  it('an unanswered invitation: once, when the answer is due', () => {
    const d = (status: Deadline['status']) => deadline({ kind: 'invitation_unanswered', status });
    expect(notificationStage(d('upcoming'), '2027-04-05')).toBeNull();
    expect(notificationStage(d('due'), '2027-04-07')).toBe('reminder');
    expect(notificationStage(d('overdue'), '2027-04-08')).toBe('reminder');
  });

  it('the meeting clocks: in the last week before the limit, and once overdue', () => {
    for (const kind of ['lotsmodellen_meeting', 'first_meeting_delayed'] as const) {
      expect(notificationStage(deadline({ kind }), '2027-03-30')).toBeNull();
      expect(notificationStage(deadline({ kind }), '2027-03-31')).toBe('reminder');
      expect(notificationStage(deadline({ kind, status: 'overdue' }), '2027-04-08')).toBe('overdue');
    }
  });
});

describe('who is told', () => {
  const ids = (d: Deadline, stage: 'reminder' | 'overdue', p: PlanPeople) => deadlineRecipients(d, stage, p).map((r) => `${r.staffId}:${r.as}`);

  it('the coordinator about follow-ups and consents; before there is one, the initiator', () => {
    expect(ids(deadline({}), 'reminder', people())).toEqual(['coord:coordinator']);
    expect(ids(deadline({ kind: 'consent_expiring', subjectId: 'C' }), 'overdue', people({ coordinator: null }))).toEqual(['init:initiator']);
  });

  it('a coordinator who has left is replaced by the managers of their unit, who re-assign the plan', () => {
    expect(ids(deadline({}), 'reminder', people({ coordinator: { staffId: 'coord', active: false } }))).toEqual(['boss:manager']);
    // No manager: the initiator at least.
    expect(ids(deadline({}), 'reminder', people({ coordinator: { staffId: 'coord', active: false }, ownerManagers: [] }))).toEqual(['init:initiator']);
  });

  it('the person responsible for an intervention; if they left, their unit\'s managers; then the owner', () => {
    const d = deadline({ kind: 'intervention_due', subjectId: 'IV' });
    expect(ids(d, 'reminder', people())).toEqual(['resp:responsible']);
    const gone = { IV: { responsible: { staffId: 'resp', active: false }, unitManagers: ['ivboss'] } };
    expect(ids(d, 'reminder', people({ interventions: gone }))).toEqual(['ivboss:manager']);
    const noBoss = { IV: { responsible: { staffId: 'resp', active: false }, unitManagers: [] } };
    expect(ids(d, 'reminder', people({ interventions: noBoss }))).toEqual(['coord:coordinator']);
  });

  it('an unanswered invitation: the invited unit\'s contacts and the convener; for a guardian, the convener', () => {
    expect(ids(deadline({ kind: 'invitation_unanswered', subjectId: 'U', invitationId: 'INV' }), 'reminder', people()))
      .toEqual(['bup1:invitee', 'bup2:invitee', 'sender:convener']);
    expect(ids(deadline({ kind: 'invitation_unanswered', subjectId: 'G', invitationId: 'INV' }), 'reminder', people())).toEqual(['sender:convener']);
  });

  it('a late first meeting: the owner, and once overdue the initiating unit\'s managers too (a deviation)', () => {
    const d = deadline({ kind: 'first_meeting_delayed' });
    expect(ids(d, 'reminder', people({ coordinator: null }))).toEqual(['init:initiator']);
    expect(ids(d, 'overdue', people({ coordinator: null }))).toEqual(['init:initiator', 'initboss:manager']);
    // Lotsmodellen on an invitation booked too late: its convener.
    expect(ids(deadline({ kind: 'lotsmodellen_meeting', subjectId: 'INV', invitationId: 'INV', status: 'overdue' }), 'overdue', people()))
      .toEqual(['sender:convener']);
  });

  it('someone with two reasons is told once', () => {
    expect(ids(deadline({ kind: 'invitation_unanswered', subjectId: 'U', invitationId: 'INV' }), 'reminder',
      people({ invitees: { U: { kind: 'unit', unitName: 'X', contacts: ['sender'] } } }))).toEqual(['sender:invitee']);
  });
});

describe('the wording', () => {
  it('says what is due, for which plan, by when and what to do, naming the plan by number only', () => {
    const t = deadlineText('follow_up', 'reminder', 'coordinator', { planNumber: 'SIP-2027-000042', dueOn: '2027-04-07' });
    expect(t.title).toBe('Uppföljning av SIP-2027-000042 senast 2027-04-07');
    expect(t.body).toContain('Kalla deltagarna');
    const late = deadlineText('first_meeting_delayed', 'overdue', 'manager', { planNumber: 'SIP-2027-000042', dueOn: '2027-04-14' });
    expect(late.body).toContain('SoL 2 kap 7 §');
    expect(late.body).toContain('som chef');
  });
});

describe('a meeting\'s time in a kallelse', () => {
  it('is Swedish local time, summer and winter, with the end day only when it differs', () => {
    expect(meetingTime(new Date('2027-03-22T08:00:00Z'), new Date('2027-03-22T09:30:00Z'))).toBe('2027-03-22 kl. 09.00–10.30');
    expect(meetingTime(new Date('2027-06-14T07:00:00Z'), new Date('2027-06-14T08:00:00Z'))).toBe('2027-06-14 kl. 09.00–10.00');
    // 23.00 UTC on 10 January is already 11 January in Sweden.
    expect(meetingTime(new Date('2027-01-10T23:00:00Z'), new Date('2027-01-10T23:30:00Z'))).toBe('2027-01-11 kl. 00.00–00.30');
    expect(meetingTime(new Date('2026-12-31T22:30:00Z'), new Date('2027-01-01T00:15:00Z'))).toBe('2026-12-31 kl. 23.30–2027-01-01 kl. 01.15');
  });
});

describe('the calendar file (RFC 5545)', () => {
  const event: CalendarEvent = {
    method: 'REQUEST', uid: 'abc@samplan', sequence: 0, stamp: new Date('2027-03-15T08:00:00Z'),
    start: new Date('2027-03-22T08:00:00Z'), end: new Date('2027-03-22T09:30:00Z'),
    summary: 'SIP-möte SIP-2027-000042', description: 'Rad ett; med komma, och\nny rad och ett mycket långt stycke text som måste vikas över flera rader enligt standarden',
    location: 'Näsby skola, rum 3', url: 'https://mote.example.se/sip/1', organizer: { name: 'Karin Ek', email: 'karin@example.se' },
    attendee: { name: 'Sara Holm', email: 'sara@example.se' },
  };

  it('ends lines in CRLF, folds at 75 octets without splitting a character, and escapes text', () => {
    const ics = calendarText(event);
    expect(ics.endsWith('\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    const props = parseCalendar(ics);
    const value = (name: string) => props.find((p) => p.name === name)?.value;
    expect(value('DESCRIPTION')).toBe('Rad ett\\; med komma\\, och\\nny rad och ett mycket långt stycke text som måste vikas över flera rader enligt standarden');
    expect(value('LOCATION')).toBe('Näsby skola\\, rum 3');
    expect(value('DTSTART')).toBe('20270322T080000Z');
    expect(value('METHOD')).toBe('REQUEST');
    expect(value('STATUS')).toBe('CONFIRMED');
    expect(props.find((p) => p.name === 'ATTENDEE')!.params).toContain('CN="Sara Holm"');
  });

  it('a cancellation keeps the UID, raises the sequence and says CANCEL', () => {
    const props = parseCalendar(calendarText({ ...event, method: 'CANCEL', sequence: 2 }));
    const value = (name: string) => props.find((p) => p.name === name)?.value;
    expect([value('METHOD'), value('UID'), value('SEQUENCE'), value('STATUS')]).toEqual(['CANCEL', 'abc@samplan', '2', 'CANCELLED']);
  });
});
