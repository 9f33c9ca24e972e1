/**
 * The life of a deviation in cooperation (avvikelse i samverkan, SIP.md §5): it is handled first
 * by the nearest managers of the units involved (närmaste chef), who investigate and agree
 * measures; what they cannot resolve between them is escalated to the steering group of the
 * local agreement. Pure: the services gather who acts and what exists, this decides.
 *
 * The same transitions are the only ones the database accepts (migration 015, table
 * deviation_state_transitions); test/http/deviations.test.ts asserts the two lists agree.
 */

export const DEVIATION_STATES = ['reported', 'investigating', 'measures_decided', 'escalated', 'closed'] as const;
export type DeviationState = (typeof DEVIATION_STATES)[number];

export type DeviationEvent = 'investigate' | 'decide_measures' | 'close' | 'escalate';
export const DEVIATION_EVENTS: readonly DeviationEvent[] = ['investigate', 'decide_measures', 'close', 'escalate'];

/** Who acts on a deviation: a manager of an involved unit, or a member of the steering group it was escalated to. */
export type DeviationHandler = 'manager' | 'steering_group';

const TRANSITIONS: Readonly<Record<DeviationEvent, ReadonlyArray<readonly [DeviationState, DeviationState]>>> = {
  investigate: [['reported', 'investigating']],
  // The managers agree measures after investigating; the steering group decides them on an escalated one.
  decide_measures: [['investigating', 'measures_decided'], ['escalated', 'measures_decided']],
  // Closed once the measures are decided; the steering group may also close what it finds needs none.
  close: [['measures_decided', 'closed'], ['escalated', 'closed']],
  // What involves several actors and is not resolved by the managers goes to the steering group.
  escalate: [['reported', 'escalated'], ['investigating', 'escalated'], ['measures_decided', 'escalated']],
};

/** Every allowed (from, to) pair, for the database and for tests. */
export function allowedDeviationTransitions(): Array<readonly [DeviationState, DeviationState]> {
  const seen = new Map<string, readonly [DeviationState, DeviationState]>();
  for (const pairs of Object.values(TRANSITIONS)) for (const p of pairs) seen.set(p.join('>'), p);
  return [...seen.values()];
}

export interface DeviationFacts {
  state: DeviationState;
  /** Whether a steering group has received it (it stays theirs once escalated). */
  escalated: boolean;
  /** Measures recorded so far. */
  measures: number;
  /** Whether the acting person wrote a note (a reason to escalate, a resolution to close). */
  hasNote: boolean;
}

export type DeviationDecision =
  | { ok: true; to: DeviationState }
  | { ok: false; reason: 'not_allowed_in_state' | 'not_your_step' | 'measures_required' | 'note_required' };

/**
 * Whether `handler` may take `event` on a deviation with these facts, and where it leads.
 * Once escalated, the steering group owns it: the managers no longer decide or close it, and the
 * steering group acts only on what reached it.
 */
export function decideDeviationStep(handler: DeviationHandler, event: DeviationEvent, f: DeviationFacts): DeviationDecision {
  const pair = TRANSITIONS[event].find(([from]) => from === f.state);
  if (!pair) return { ok: false, reason: 'not_allowed_in_state' };
  if (handler === 'manager' && f.escalated) return { ok: false, reason: 'not_your_step' };
  if (handler === 'steering_group' && (!f.escalated || event === 'escalate' || event === 'investigate')) return { ok: false, reason: 'not_your_step' };
  if (event === 'decide_measures' && f.measures === 0) return { ok: false, reason: 'measures_required' };
  if ((event === 'escalate' || event === 'close') && !f.hasNote) return { ok: false, reason: 'note_required' };
  return { ok: true, to: pair[1] };
}

/** The events `handler` can take now, in the order the routine suggests them. */
export function nextDeviationEvents(handler: DeviationHandler, f: DeviationFacts): DeviationEvent[] {
  return DEVIATION_EVENTS.filter((e) => {
    const d = decideDeviationStep(handler, e, { ...f, hasNote: true, measures: Math.max(f.measures, 1) });
    return d.ok;
  });
}

export function isDeviationOpen(state: DeviationState): boolean {
  return state !== 'closed';
}
