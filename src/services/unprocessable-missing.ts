import type { Missing } from '../domain/plan-guards.ts';
import { unprocessable, type FieldProblem } from './errors.ts';

/** Swedish words for each thing a step may lack, as the user sees them. */
const MISSING_SV: Record<string, string> = {
  needed_interventions: 'Vilka insatser som behövs (SoL 2 kap 7 § p. 1).',
  principal_responsibility: 'Vilken huvudman som ansvarar för varje insats (SoL 2 kap 7 § p. 2).',
  measures_by_others: 'Vilka åtgärder som vidtas av någon annan än kommunen eller regionen, eller att inga vidtas (SoL 2 kap 7 § p. 3).',
  overall_responsibility: 'Vilken huvudman som har det övergripande ansvaret för planen (SoL 2 kap 7 § p. 4).',
  coordinator: 'En samordnare från en deltagande verksamhet.',
  next_follow_up: 'Datum för nästa uppföljning (efter i dag).',
  consent: 'Ett giltigt samtycke som omfattar varje deltagande verksamhet.',
  meeting: 'Ett SIP-möte där planen har tagits fram.',
  purpose: 'Mötets syfte.',
  question: 'En tydlig frågeställning.',
  time: 'Tid för mötet (slut efter start).',
  place_or_video: 'Plats eller videolänk (https).',
  invitees: 'Vilka som kallas.',
  meeting_leader: 'Mötesledare.',
  needs: 'Minst ett kartlagt behov.',
  goals: 'En utvärdering av varje mål.',
  reason: 'Skäl för avslut.',
  final_evaluation: 'En slututvärdering.',
};

/** 422 listing each missing requirement as a field problem. */
export function missingError(code: string, message: string, missing: Missing<string>[]) {
  const problems: FieldProblem[] = missing.map((m) => ({ field: `/${m.requirement}`, code: 'missing', message: MISSING_SV[m.requirement] ?? m.requirement }));
  return unprocessable(code, message, problems, { missing });
}
