import { describe, it, expect } from 'vitest';
import { PLAN_STATES, allowedTransitions, isOpen, nextEvents, transition } from '../../src/domain/plan-lifecycle.ts';
import type { PlanEvent, PlanState } from '../../src/domain/plan-lifecycle.ts';

// Independent expectation, written from SIP.md §4 (Skåne's routine):
// initiative → kallelse → kartläggning → möte/upprättande → uppföljning → utvärdering → avslut,
// with cancellation from every open state and nothing at all from a closed or cancelled plan.
const STATES: readonly PlanState[] = ['initiated', 'invited', 'mapped', 'established', 'evaluated', 'closed', 'cancelled'];
const EVENTS: readonly PlanEvent[] = ['invite', 'complete_mapping', 'establish', 'follow_up', 'evaluate', 'close', 'cancel'];
const OPEN: readonly PlanState[] = ['initiated', 'invited', 'mapped', 'established', 'evaluated'];

const EXPECTED: Record<PlanEvent, Partial<Record<PlanState, PlanState>>> = {
  invite: { initiated: 'invited', invited: 'invited', mapped: 'mapped', established: 'established', evaluated: 'evaluated' },
  complete_mapping: { invited: 'mapped' },
  establish: { mapped: 'established' },
  follow_up: { established: 'established', evaluated: 'established' },
  evaluate: { established: 'evaluated' },
  close: { evaluated: 'closed' },
  cancel: {
    initiated: 'cancelled',
    invited: 'cancelled',
    mapped: 'cancelled',
    established: 'cancelled',
    evaluated: 'cancelled',
  },
};

/** The allowed (from, to) pairs, as "from>to", derived from the table above. */
const EXPECTED_PAIRS: ReadonlySet<string> = new Set(
  EVENTS.flatMap((e) => Object.entries(EXPECTED[e]).map(([from, to]) => `${from}>${to}`)),
);

describe('the state list', () => {
  it('has exactly the seven states of the routine', () => {
    expect([...PLAN_STATES].sort()).toEqual([...STATES].sort());
  });

  it('the independent table yields 15 distinct allowed pairs', () => {
    // 5 invite + 1 mapping + 1 establish + 2 follow-up (established>established shared with invite)
    // + 1 evaluate + 1 close + 5 cancel
    expect(EXPECTED_PAIRS.size).toBe(15);
  });
});

describe('transition(from, event)', () => {
  for (const event of EVENTS) {
    for (const from of STATES) {
      const to = EXPECTED[event][from];
      if (to !== undefined) {
        it(`${event} from ${from} is allowed and leads to ${to}`, () => {
          expect(transition(from, event)).toEqual({ ok: true, to });
        });
      } else {
        it(`${event} from ${from} is refused`, () => {
          expect(transition(from, event)).toEqual({ ok: false, reason: 'not_allowed_in_state' });
        });
      }
    }
  }

  it('nothing at all can happen to a closed or cancelled plan', () => {
    for (const from of ['closed', 'cancelled'] as const) {
      for (const event of EVENTS) expect(transition(from, event).ok, `${event} from ${from}`).toBe(false);
    }
  });

  it('a plan cannot skip a step of the routine', () => {
    expect(transition('initiated', 'complete_mapping').ok).toBe(false);
    expect(transition('initiated', 'establish').ok).toBe(false);
    expect(transition('invited', 'establish').ok).toBe(false);
    expect(transition('mapped', 'evaluate').ok).toBe(false);
    expect(transition('established', 'close').ok).toBe(false);
    expect(transition('mapped', 'close').ok).toBe(false);
  });
});

describe('allowedTransitions()', () => {
  it('has no duplicates', () => {
    const keys = allowedTransitions().map(([from, to]) => `${from}>${to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('matches the independent table exactly', () => {
    const keys = allowedTransitions().map(([from, to]) => `${from}>${to}`);
    expect([...keys].sort()).toEqual([...EXPECTED_PAIRS].sort());
  });

  it('never leaves closed or cancelled and never enters initiated', () => {
    for (const [from, to] of allowedTransitions()) {
      expect(from).not.toBe('closed');
      expect(from).not.toBe('cancelled');
      expect(to).not.toBe('initiated');
    }
  });
});

describe('nextEvents(state)', () => {
  const EXPECTED_NEXT: Record<PlanState, PlanEvent[]> = {
    initiated: ['invite', 'cancel'],
    invited: ['complete_mapping', 'invite', 'cancel'],
    mapped: ['establish', 'invite', 'cancel'],
    established: ['evaluate', 'invite', 'follow_up', 'cancel'],
    evaluated: ['follow_up', 'close', 'invite', 'cancel'],
    closed: [],
    cancelled: [],
  };

  for (const state of STATES) {
    it(`from ${state}: ${EXPECTED_NEXT[state].join(', ') || 'nothing'}`, () => {
      const events = nextEvents(state);
      expect(new Set(events).size).toBe(events.length);
      expect([...events].sort()).toEqual([...EXPECTED_NEXT[state]].sort());
    });
  }

  it('suggests cancel last in every open state', () => {
    for (const state of OPEN) expect(nextEvents(state).at(-1)).toBe('cancel');
  });

  it('the forward step comes before cancel in the routine order', () => {
    expect(nextEvents('initiated')).toEqual(['invite', 'cancel']);
    expect(nextEvents('mapped')).toEqual(['establish', 'invite', 'cancel']);
    expect(nextEvents('invited')).toEqual(['complete_mapping', 'invite', 'cancel']);
  });
});

describe('isOpen(state)', () => {
  for (const state of STATES) {
    const open = OPEN.includes(state);
    it(`${state} is ${open ? 'open' : 'not open'}`, () => {
      expect(isOpen(state)).toBe(open);
    });
  }
});
