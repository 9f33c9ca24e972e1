/** What every section of the plan page needs: the plan as read, its version, and the directory. */
import { createContext, useContext } from 'react';
import type { Me, Plan, Principal, Unit } from '../api/types.ts';

export interface PlanView {
  plan: Plan;
  /** The version the plan was read at (its ETag): every plan-level edit sends it back as If-Match. */
  version: number;
  me: Me;
  units: Map<string, Unit>;
  principals: Map<string, Principal>;
  /** Reads the plan again (after a change, or when someone else changed it first). */
  refresh: () => Promise<Plan | undefined>;
}

export const PlanContext = createContext<PlanView | null>(null);

export function usePlanView(): PlanView {
  const v = useContext(PlanContext);
  if (!v) throw new Error('usePlanView outside a plan page');
  return v;
}

export function unitName(view: PlanView, id: string | null | undefined): string {
  if (!id) return '–';
  return view.units.get(id)?.name ?? view.plan.participants.find((p) => p.unitId === id)?.unitName ?? '–';
}

export function personName(plan: Plan, id: string | null | undefined): string {
  if (!id) return '–';
  if (plan.child.id === id) return `${plan.child.givenName} ${plan.child.familyName}`;
  const g = plan.guardians.find((x) => x.id === id);
  if (g) return `${g.givenName} ${g.familyName}`;
  return plan.participants.find((p) => p.personId === id)?.name ?? '–';
}
