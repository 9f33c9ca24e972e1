import { DIMENSIONS, GRAINS, KEY_FIGURES } from '../../domain/key-figures.ts';
import type { Actor, Context } from '../context.ts';
import { definitionOf, type FigureDefinition } from './compute-key-figures.ts';
import { mayReadControl, steeringAgreements, type SteeringAgreement } from './control-access.ts';

/** What the dashboard needs to start: may this person see it, which goals may they set, and the definitions. */
export async function myControl(ctx: Context, o: { actor: Actor }): Promise<{
  canView: boolean; analyst: boolean; steering: SteeringAgreement[]; figures: FigureDefinition[]; dimensions: readonly string[]; grains: readonly string[];
}> {
  const steering = await steeringAgreements(ctx.db, o.actor);
  const canView = await mayReadControl(ctx.db, o.actor);
  return {
    canView, analyst: o.actor.role === 'analyst', steering,
    figures: canView ? KEY_FIGURES.map(definitionOf) : [], dimensions: DIMENSIONS, grains: GRAINS,
  };
}
