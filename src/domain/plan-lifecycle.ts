/**
 * The life of a plan (SIP) as an explicit state machine, following Skåne's routine (2020):
 * initiative → kallelse → kartläggning → möte/upprättande → uppföljning (revisions) →
 * utvärdering → avslut; and cancellation with a reason from any open state.
 *
 * The same transitions are the only ones the database accepts (migration 003, table
 * plan_state_transitions); an integration test asserts the two lists agree.
 */

export const PLAN_STATES = ['initiated', 'invited', 'mapped', 'established', 'evaluated', 'closed', 'cancelled'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** What a user does that moves a plan. */
export type PlanEvent = 'invite' | 'complete_mapping' | 'establish' | 'follow_up' | 'evaluate' | 'close' | 'cancel';

export const OPEN_STATES: readonly PlanState[] = ['initiated', 'invited', 'mapped', 'established', 'evaluated'];

/**
 * OPEN_STATES as an SQL list for `state IN ${OPEN_STATES_SQL}`: the one spelling of "open" in
 * queries. (Migration 009's queue_handover spells it out; an integration test asserts it agrees.)
 */
export const OPEN_STATES_SQL = `(${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;

const TRANSITIONS: Readonly<Record<PlanEvent, ReadonlyArray<readonly [PlanState, PlanState]>>> = {
  // The first kallelse makes the plan invited; a further one (a moved meeting, a planning meeting
  // after the mapping, a follow-up meeting of an established plan) leaves it where it is: the
  // routine calls every SIP meeting, not only the first, with a written kallelse.
  invite: [['initiated', 'invited'], ['invited', 'invited'], ['mapped', 'mapped'], ['established', 'established'], ['evaluated', 'evaluated']],
  complete_mapping: [['invited', 'mapped']],
  establish: [['mapped', 'established']],
  // A follow-up meeting revises the plan: a new version, the plan stays (or becomes again) established.
  follow_up: [['established', 'established'], ['evaluated', 'established']],
  evaluate: [['established', 'evaluated']],
  close: [['evaluated', 'closed']],
  cancel: OPEN_STATES.map((s) => [s, 'cancelled'] as const),
};

/** Every allowed (from, to) pair, for the database and for tests. */
export function allowedTransitions(): Array<readonly [PlanState, PlanState]> {
  const seen = new Map<string, readonly [PlanState, PlanState]>();
  for (const pairs of Object.values(TRANSITIONS)) for (const p of pairs) seen.set(p.join('>'), p);
  return [...seen.values()];
}

export type TransitionResult = { ok: true; to: PlanState } | { ok: false; reason: 'not_allowed_in_state' };

/** Where `event` takes a plan in state `from`, or that it may not happen there. */
export function transition(from: PlanState, event: PlanEvent): TransitionResult {
  const pair = TRANSITIONS[event].find(([f]) => f === from);
  return pair ? { ok: true, to: pair[1] } : { ok: false, reason: 'not_allowed_in_state' };
}

export function isOpen(state: PlanState): boolean {
  return OPEN_STATES.includes(state);
}

/** The events a user can take from `state`, in the order the routine suggests them. */
export function nextEvents(state: PlanState): PlanEvent[] {
  const possible = (Object.keys(TRANSITIONS) as PlanEvent[]).filter((e) => transition(state, e).ok);
  // The routine's order: the step that moves the plan forward, then those that keep it where it
  // is (another kallelse, a follow-up), and cancelling last.
  const rank = (e: PlanEvent) => (e === 'cancel' ? 2 : (transition(state, e) as { to: PlanState }).to === state ? 1 : 0);
  return possible.sort((a, b) => rank(a) - rank(b));
}
