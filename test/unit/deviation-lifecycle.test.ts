import { describe, expect, it } from 'vitest';
import {
  allowedDeviationTransitions, decideDeviationStep, DEVIATION_EVENTS, DEVIATION_STATES, isDeviationOpen, nextDeviationEvents,
  type DeviationFacts,
} from '../../src/domain/deviation-lifecycle.ts';

const facts = (f: Partial<DeviationFacts>): DeviationFacts => ({ state: 'reported', escalated: false, measures: 0, hasNote: true, ...f });

describe('deviation lifecycle', () => {
  it('has the transitions of SIP.md §5: managers first, the steering group after escalation', () => {
    expect(allowedDeviationTransitions().map((p) => p.join('>')).sort()).toEqual([
      'escalated>closed', 'escalated>measures_decided', 'investigating>escalated', 'investigating>measures_decided',
      'measures_decided>closed', 'measures_decided>escalated', 'reported>escalated', 'reported>investigating',
    ]);
  });

  it('takes the managers through reported → investigating → measures decided → closed', () => {
    expect(decideDeviationStep('manager', 'investigate', facts({}))).toEqual({ ok: true, to: 'investigating' });
    expect(decideDeviationStep('manager', 'decide_measures', facts({ state: 'investigating', measures: 1 }))).toEqual({ ok: true, to: 'measures_decided' });
    expect(decideDeviationStep('manager', 'close', facts({ state: 'measures_decided', measures: 1 }))).toEqual({ ok: true, to: 'closed' });
  });

  it('asks for measures before they are decided, and a note to escalate or close', () => {
    expect(decideDeviationStep('manager', 'decide_measures', facts({ state: 'investigating' }))).toEqual({ ok: false, reason: 'measures_required' });
    expect(decideDeviationStep('manager', 'escalate', facts({ hasNote: false }))).toEqual({ ok: false, reason: 'note_required' });
    expect(decideDeviationStep('manager', 'close', facts({ state: 'measures_decided', measures: 1, hasNote: false }))).toEqual({ ok: false, reason: 'note_required' });
  });

  it('refuses steps that skip the order', () => {
    expect(decideDeviationStep('manager', 'close', facts({}))).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    expect(decideDeviationStep('manager', 'decide_measures', facts({ measures: 3 }))).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    expect(decideDeviationStep('manager', 'investigate', facts({ state: 'closed' }))).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    for (const e of DEVIATION_EVENTS) expect(decideDeviationStep('steering_group', e, facts({ state: 'closed', escalated: true })).ok).toBe(false);
  });

  it('gives an escalated deviation to the steering group, and only that', () => {
    const escalated = facts({ state: 'escalated', escalated: true, measures: 1 });
    expect(decideDeviationStep('manager', 'close', escalated)).toEqual({ ok: false, reason: 'not_your_step' });
    expect(decideDeviationStep('steering_group', 'decide_measures', escalated)).toEqual({ ok: true, to: 'measures_decided' });
    expect(decideDeviationStep('steering_group', 'close', escalated)).toEqual({ ok: true, to: 'closed' });
    // After the steering group decided measures it is still theirs: the managers do not close it.
    expect(decideDeviationStep('manager', 'close', { ...escalated, state: 'measures_decided' })).toEqual({ ok: false, reason: 'not_your_step' });
    expect(decideDeviationStep('steering_group', 'close', { ...escalated, state: 'measures_decided' })).toEqual({ ok: true, to: 'closed' });
    // A steering group does not act on what the managers still hold, and does not escalate to itself.
    expect(decideDeviationStep('steering_group', 'investigate', facts({}))).toEqual({ ok: false, reason: 'not_your_step' });
    expect(decideDeviationStep('steering_group', 'escalate', { ...escalated, state: 'measures_decided' })).toEqual({ ok: false, reason: 'not_your_step' });
  });

  it('offers the next steps in the routine\'s order', () => {
    expect(nextDeviationEvents('manager', facts({}))).toEqual(['investigate', 'escalate']);
    expect(nextDeviationEvents('manager', facts({ state: 'investigating' }))).toEqual(['decide_measures', 'escalate']);
    expect(nextDeviationEvents('steering_group', facts({ state: 'escalated', escalated: true }))).toEqual(['decide_measures', 'close']);
    expect(nextDeviationEvents('manager', facts({ state: 'escalated', escalated: true }))).toEqual([]);
    expect(DEVIATION_STATES.filter(isDeviationOpen)).toEqual(['reported', 'investigating', 'measures_decided', 'escalated']);
  });
});
