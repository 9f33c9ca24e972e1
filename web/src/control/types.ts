/** What the key-figure API answers (src/services/key-figures/). */
export interface FigureDefinition {
  id: string; name: string; definition: string; unit: 'count' | 'percent' | 'days' | 'per_plan' | 'score';
  statistic: string; numerator: string | null; denominator: string | null; higherIsBetter: boolean | null;
}
export interface Cell {
  figure: string; group: string; period: string; value: number | null; display: string; suppressed: boolean;
  numerator: number | null; denominator: number | null; n: number | null;
}
export interface KeyFigureTable {
  county: string; dimension: string; grain: 'month' | 'quarter' | 'year'; from: string; to: string;
  periods: Array<{ start: string; label: string }>;
  groups: Array<{ key: string; label: string }>;
  figures: FigureDefinition[];
  unavailable: Array<{ figure: string; reason: string }>;
  cells: Cell[];
  analyst: boolean;
}
export interface ControlMe {
  canView: boolean; analyst: boolean; steering: Array<{ id: string; name: string }>; figures: FigureDefinition[];
}
export interface TargetView {
  id: string; figure: string; target: number; note: string | null; version: number; actual: number | null; actualDisplay: string; met: boolean | null;
}
export interface GoalView { id: string; goal: string; followUp: string | null; version: number; updatedAt: string }
export interface AgreementGoals { id: string; name: string; canEdit: boolean; targets: TargetView[]; goals: GoalView[] }
export interface GoalsAnswer { year: number; agreements: AgreementGoals[] }
