import { describe, it, expect } from 'vitest';
import {
  closureMissing,
  establishMissing,
  evaluationMissing,
  invitationMissing,
  mappingMissing,
} from '../../src/domain/plan-guards.ts';
import type { InvitationDraft, Missing, PlanForEstablishing } from '../../src/domain/plan-guards.ts';

/** Requirement names only, sorted (for cases where several are expected). */
function requirements<R extends string>(missing: Missing<R>[]): R[] {
  return missing.map((m) => m.requirement).sort();
}

/** A plan that satisfies SoL 2 kap 7 § / HSL 16 kap 4 § and the routine. Fresh per call. */
function completePlan(overrides: Partial<PlanForEstablishing> = {}): PlanForEstablishing {
  return {
    today: '2025-06-10',
    needCount: 3,
    interventions: [
      { principalId: 'P-region', unitId: 'U-bup', responsibleStaffId: 'S-bup-1' },
      { principalId: 'P-kommun', unitId: 'U-soc', responsibleStaffId: 'S-soc-1' },
      { principalId: 'P-kommun', unitId: 'U-school', responsibleStaffId: 'S-school-1' },
    ],
    measuresByOthersCount: 1,
    noMeasuresByOthers: false,
    overallPrincipalId: 'P-kommun',
    coordinatorStaffId: 'S-soc-1',
    coordinatorUnitId: 'U-soc',
    nextFollowUpOn: '2025-09-01',
    participatingUnits: [
      { unitId: 'U-bup', principalId: 'P-region' },
      { unitId: 'U-soc', principalId: 'P-kommun' },
      { unitId: 'U-school', principalId: 'P-kommun' },
    ],
    consentCoveredUnitIds: new Set(['U-bup', 'U-soc', 'U-school']),
    meetingsHeld: 1,
    ...overrides,
  };
}

describe('establishMissing', () => {
  it('a complete plan has nothing missing', () => {
    expect(establishMissing(completePlan())).toEqual([]);
  });

  describe('needed_interventions (p. 1)', () => {
    it('no described need', () => {
      expect(establishMissing(completePlan({ needCount: 0 }))).toEqual([{ requirement: 'needed_interventions' }]);
    });

    it('no interventions: p. 1 and p. 2 are both missing, with no orphan ids', () => {
      const missing = establishMissing(completePlan({ interventions: [] }));
      expect(requirements(missing)).toEqual(['needed_interventions', 'principal_responsibility']);
      const p2 = missing.find((m) => m.requirement === 'principal_responsibility');
      expect(p2?.ids ?? []).toEqual([]);
    });
  });

  describe('principal_responsibility (p. 2)', () => {
    it('an intervention whose principal and unit do not participate is reported by its unit id', () => {
      const plan = completePlan();
      const missing = establishMissing({
        ...plan,
        interventions: [...plan.interventions, { principalId: 'P-private', unitId: 'U-private', responsibleStaffId: 'S-x' }],
      });
      expect(missing).toEqual([{ requirement: 'principal_responsibility', ids: ['U-private'] }]);
    });

    it('an intervention naming a non-participating principal is reported even if its unit participates', () => {
      const plan = completePlan();
      const missing = establishMissing({
        ...plan,
        interventions: [
          { principalId: 'P-region', unitId: 'U-bup', responsibleStaffId: 'S-bup-1' },
          { principalId: 'P-other', unitId: 'U-soc', responsibleStaffId: 'S-soc-1' },
        ],
      });
      expect(missing).toEqual([{ requirement: 'principal_responsibility', ids: ['U-soc'] }]);
    });

    it('an intervention in a non-participating unit is reported even if its principal participates', () => {
      const plan = completePlan();
      const missing = establishMissing({
        ...plan,
        interventions: [...plan.interventions, { principalId: 'P-region', unitId: 'U-hab', responsibleStaffId: 'S-hab-1' }],
      });
      expect(missing).toEqual([{ requirement: 'principal_responsibility', ids: ['U-hab'] }]);
    });

    it('only the orphan interventions are named', () => {
      const missing = establishMissing(
        completePlan({
          interventions: [
            { principalId: 'P-region', unitId: 'U-bup', responsibleStaffId: 'S-bup-1' },
            { principalId: 'P-x', unitId: 'U-x', responsibleStaffId: 'S-x' },
            { principalId: 'P-kommun', unitId: 'U-soc', responsibleStaffId: 'S-soc-1' },
            { principalId: 'P-y', unitId: 'U-y', responsibleStaffId: 'S-y' },
          ],
        }),
      );
      expect(missing).toHaveLength(1);
      expect(missing[0]?.requirement).toBe('principal_responsibility');
      expect([...(missing[0]?.ids ?? [])].sort()).toEqual(['U-x', 'U-y']);
    });
  });

  describe('measures_by_others (p. 3)', () => {
    it('no measures and "none" not stated', () => {
      expect(establishMissing(completePlan({ measuresByOthersCount: 0, noMeasuresByOthers: false }))).toEqual([
        { requirement: 'measures_by_others' },
      ]);
    });

    it('noMeasuresByOthers: true satisfies the requirement', () => {
      expect(establishMissing(completePlan({ measuresByOthersCount: 0, noMeasuresByOthers: true }))).toEqual([]);
    });
  });

  describe('overall_responsibility (p. 4)', () => {
    it('no overall principal', () => {
      expect(establishMissing(completePlan({ overallPrincipalId: null }))).toEqual([{ requirement: 'overall_responsibility' }]);
    });

    it('an overall principal that is not among the participating principals', () => {
      expect(establishMissing(completePlan({ overallPrincipalId: 'P-elsewhere' }))).toEqual([
        { requirement: 'overall_responsibility' },
      ]);
    });

    it('either participating principal may carry it', () => {
      expect(establishMissing(completePlan({ overallPrincipalId: 'P-region' }))).toEqual([]);
    });
  });

  describe('coordinator', () => {
    it('no coordinator named', () => {
      expect(establishMissing(completePlan({ coordinatorStaffId: null }))).toEqual([{ requirement: 'coordinator' }]);
    });

    it('a coordinator without unit', () => {
      expect(establishMissing(completePlan({ coordinatorUnitId: null }))).toEqual([{ requirement: 'coordinator' }]);
    });

    it('a coordinator from a non-participating unit', () => {
      expect(establishMissing(completePlan({ coordinatorStaffId: 'S-vc-1', coordinatorUnitId: 'U-vc' }))).toEqual([
        { requirement: 'coordinator' },
      ]);
    });
  });

  describe('next_follow_up', () => {
    it('no date', () => {
      expect(establishMissing(completePlan({ nextFollowUpOn: null }))).toEqual([{ requirement: 'next_follow_up' }]);
    });

    it('a date equal to today', () => {
      expect(establishMissing(completePlan({ nextFollowUpOn: '2025-06-10' }))).toEqual([{ requirement: 'next_follow_up' }]);
    });

    it('a date in the past', () => {
      expect(establishMissing(completePlan({ nextFollowUpOn: '2025-06-09' }))).toEqual([{ requirement: 'next_follow_up' }]);
    });

    it('tomorrow is enough', () => {
      expect(establishMissing(completePlan({ nextFollowUpOn: '2025-06-11' }))).toEqual([]);
    });
  });

  describe('consent', () => {
    it('reports exactly the participating units the consent does not cover', () => {
      const missing = establishMissing(completePlan({ consentCoveredUnitIds: new Set(['U-bup']) }));
      expect(missing).toHaveLength(1);
      expect(missing[0]?.requirement).toBe('consent');
      expect([...(missing[0]?.ids ?? [])].sort()).toEqual(['U-school', 'U-soc']);
    });

    it('no consent at all: every participating unit is uncovered', () => {
      const missing = establishMissing(completePlan({ consentCoveredUnitIds: new Set() }));
      expect(missing).toHaveLength(1);
      expect(missing[0]?.requirement).toBe('consent');
      expect([...(missing[0]?.ids ?? [])].sort()).toEqual(['U-bup', 'U-school', 'U-soc']);
    });

    it('consent covering more than the participating units is fine', () => {
      expect(
        establishMissing(completePlan({ consentCoveredUnitIds: new Set(['U-bup', 'U-soc', 'U-school', 'U-vc']) })),
      ).toEqual([]);
    });
  });

  describe('meeting', () => {
    it('no meeting held', () => {
      expect(establishMissing(completePlan({ meetingsHeld: 0 }))).toEqual([{ requirement: 'meeting' }]);
    });
  });

  it('an empty plan misses everything', () => {
    const missing = establishMissing({
      today: '2025-06-10',
      needCount: 0,
      interventions: [],
      measuresByOthersCount: 0,
      noMeasuresByOthers: false,
      overallPrincipalId: null,
      coordinatorStaffId: null,
      coordinatorUnitId: null,
      nextFollowUpOn: null,
      participatingUnits: [],
      consentCoveredUnitIds: new Set(),
      meetingsHeld: 0,
    });
    expect(requirements(missing)).toEqual(
      [
        'needed_interventions',
        'principal_responsibility',
        'measures_by_others',
        'overall_responsibility',
        'coordinator',
        'next_follow_up',
        'consent',
        'meeting',
      ].sort(),
    );
  });
});

function completeDraft(overrides: Partial<InvitationDraft> = {}): InvitationDraft {
  return {
    purpose: 'Samordna stödet kring Elsa i skolan och hemma',
    question: 'Hur kan skola, BUP och socialtjänst tillsammans stödja skolnärvaron?',
    startsAt: '2025-06-12T09:00:00+02:00',
    endsAt: '2025-06-12T10:30:00+02:00',
    place: 'Söderslättsskolan, konferensrum 2',
    videoLink: null,
    inviteeCount: 4,
    meetingLeaderId: 'S-soc-1',
    ...overrides,
  };
}

describe('invitationMissing', () => {
  it('a complete invitation has nothing missing', () => {
    expect(invitationMissing(completeDraft())).toEqual([]);
  });

  it('purpose: null, undefined or blank', () => {
    for (const purpose of [null, undefined, '', '   ']) {
      expect(invitationMissing(completeDraft({ purpose }))).toEqual([{ requirement: 'purpose' }]);
    }
  });

  it('question: null or blank', () => {
    for (const question of [null, '', '\t ']) {
      expect(invitationMissing(completeDraft({ question }))).toEqual([{ requirement: 'question' }]);
    }
  });

  it('time: no start', () => {
    expect(invitationMissing(completeDraft({ startsAt: null }))).toEqual([{ requirement: 'time' }]);
  });

  it('time: no end', () => {
    expect(invitationMissing(completeDraft({ endsAt: undefined }))).toEqual([{ requirement: 'time' }]);
  });

  it('time: end before start', () => {
    expect(
      invitationMissing(completeDraft({ startsAt: '2025-06-12T10:30:00+02:00', endsAt: '2025-06-12T09:00:00+02:00' })),
    ).toEqual([{ requirement: 'time' }]);
  });

  it('time: end equal to start', () => {
    expect(
      invitationMissing(completeDraft({ startsAt: '2025-06-12T09:00:00+02:00', endsAt: '2025-06-12T09:00:00+02:00' })),
    ).toEqual([{ requirement: 'time' }]);
  });

  // The times are instants (stored as timestamptz); they must be compared as instants, not as text.
  it('time: a valid meeting written with different UTC offsets is accepted', () => {
    // 09:00+02:00 = 07:00Z, ends 07:30Z: a 30-minute meeting.
    expect(invitationMissing(completeDraft({ startsAt: '2025-06-12T09:00:00+02:00', endsAt: '2025-06-12T07:30:00Z' }))).toEqual(
      [],
    );
  });

  it('time: an end before the start written with different UTC offsets is refused', () => {
    // 08:00Z = 10:00+02:00, ends 09:00+02:00 = 07:00Z: the end is an hour before the start.
    expect(invitationMissing(completeDraft({ startsAt: '2025-06-12T08:00:00Z', endsAt: '2025-06-12T09:00:00+02:00' }))).toEqual(
      [{ requirement: 'time' }],
    );
  });

  it('place_or_video: neither place nor video link', () => {
    expect(invitationMissing(completeDraft({ place: null, videoLink: null }))).toEqual([{ requirement: 'place_or_video' }]);
    expect(invitationMissing(completeDraft({ place: '  ', videoLink: '' }))).toEqual([{ requirement: 'place_or_video' }]);
  });

  it('place_or_video: an https video link alone is enough', () => {
    expect(invitationMissing(completeDraft({ place: null, videoLink: 'https://meet.skane.se/sip-4711' }))).toEqual([]);
  });

  it('place_or_video: a non-https video link alone is not enough', () => {
    for (const videoLink of ['http://meet.skane.se/sip-4711', 'meet.skane.se/sip-4711', 'https://', 'ftp://x.se/y']) {
      expect(invitationMissing(completeDraft({ place: null, videoLink })), videoLink).toEqual([{ requirement: 'place_or_video' }]);
    }
  });

  it('invitees: nobody invited', () => {
    expect(invitationMissing(completeDraft({ inviteeCount: 0 }))).toEqual([{ requirement: 'invitees' }]);
  });

  it('meeting_leader: none named', () => {
    expect(invitationMissing(completeDraft({ meetingLeaderId: null }))).toEqual([{ requirement: 'meeting_leader' }]);
    expect(invitationMissing(completeDraft({ meetingLeaderId: ' ' }))).toEqual([{ requirement: 'meeting_leader' }]);
  });

  it('an empty draft misses all six', () => {
    expect(requirements(invitationMissing({ inviteeCount: 0 }))).toEqual(
      ['purpose', 'question', 'time', 'place_or_video', 'invitees', 'meeting_leader'].sort(),
    );
  });
});

describe('mappingMissing', () => {
  it('no need described', () => {
    expect(mappingMissing(0)).toEqual([{ requirement: 'needs' }]);
  });

  it('one or more needs', () => {
    expect(mappingMissing(1)).toEqual([]);
    expect(mappingMissing(8)).toEqual([]);
  });
});

describe('evaluationMissing', () => {
  it('every goal evaluated (in any order)', () => {
    expect(evaluationMissing(['g1', 'g2', 'g3'], ['g3', 'g1', 'g2'])).toEqual([]);
  });

  it('names the goals not yet evaluated', () => {
    expect(evaluationMissing(['g1', 'g2', 'g3'], ['g2'])).toEqual([{ requirement: 'goals', ids: ['g1', 'g3'] }]);
  });

  it('evaluations of unknown goals do not count', () => {
    expect(evaluationMissing(['g1', 'g2'], ['g1', 'g9'])).toEqual([{ requirement: 'goals', ids: ['g2'] }]);
  });

  it('a plan without goals cannot be evaluated', () => {
    expect(evaluationMissing([], [])).toEqual([{ requirement: 'goals', ids: [] }]);
  });
});

describe('closureMissing', () => {
  // SIP.md §4.8: goals reached, consent withdrawn, moved, transferred, turned 18 — and other.
  const REASONS = ['goals_reached', 'consent_withdrawn', 'moved', 'transferred', 'turned_18', 'other'];

  for (const reason of REASONS) {
    it(`${reason} with a final evaluation may close`, () => {
      expect(closureMissing(reason, true)).toEqual([]);
    });
  }

  it('an unknown reason', () => {
    expect(closureMissing('bored', true)).toEqual([{ requirement: 'reason' }]);
    expect(closureMissing('Goals_Reached', true)).toEqual([{ requirement: 'reason' }]);
  });

  it('no reason', () => {
    expect(closureMissing(null, true)).toEqual([{ requirement: 'reason' }]);
    expect(closureMissing(undefined, true)).toEqual([{ requirement: 'reason' }]);
    expect(closureMissing('', true)).toEqual([{ requirement: 'reason' }]);
  });

  it('no final evaluation', () => {
    expect(closureMissing('goals_reached', false)).toEqual([{ requirement: 'final_evaluation' }]);
  });

  it('neither', () => {
    expect(requirements(closureMissing('whatever', false))).toEqual(['final_evaluation', 'reason']);
  });
});
