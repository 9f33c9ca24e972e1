/**
 * A readable difference between two versions of a plan: what was added, removed or changed among
 * the goals, interventions, measures by others and needs, and in who coordinates, who has the
 * overall responsibility and when the plan is next followed up. Pure: no React, no I/O.
 */
export interface VersionContent {
  coordinator?: { staffId: string; unitId: string; name: string } | null;
  overallPrincipalId?: string | null;
  nextFollowUpOn?: string | null;
  needs?: Array<{ id: string; lifeArea: string; description: string; familyView: string | null; childView: string | null }> | null;
  goals?: Array<{ id: string; professionalWording: string; childWords: string | null }> | null;
  interventions?: Array<{ id: string; description: string; unitId: string; responsibleStaffId: string; responsibleStaffName?: string | null; startsOn: string; dueOn: string; status: string }> | null;
  measuresByOthers?: Array<{ id: string; actor: string; description: string }> | null;
}

export type Part = 'plan' | 'needs' | 'goals' | 'interventions' | 'measuresByOthers';

export interface Change {
  part: Part;
  kind: 'added' | 'removed' | 'changed';
  /** What the change is about, in the plan's own words (a goal's wording, an intervention's description). */
  subject: string;
  /** For a change: which field, and its value before and after. */
  field?: string;
  before?: string;
  after?: string;
}

const FIELDS: Record<Exclude<Part, 'plan'>, string[]> = {
  needs: ['lifeArea', 'description', 'familyView', 'childView'],
  goals: ['professionalWording', 'childWords'],
  interventions: ['description', 'unitId', 'responsibleStaffId', 'startsOn', 'dueOn', 'status'],
  measuresByOthers: ['actor', 'description'],
};

const SUBJECT: Record<Exclude<Part, 'plan'>, (x: Record<string, unknown>) => string> = {
  needs: (x) => String(x.description ?? ''),
  goals: (x) => String(x.childWords ?? x.professionalWording ?? ''),
  interventions: (x) => String(x.description ?? ''),
  measuresByOthers: (x) => `${String(x.actor ?? '')}: ${String(x.description ?? '')}`,
};

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function diffVersions(from: VersionContent, to: VersionContent): Change[] {
  const changes: Change[] = [];
  const plain: Array<[string, unknown, unknown]> = [
    ['coordinator', from.coordinator?.name ?? null, to.coordinator?.name ?? null],
    ['overallPrincipalId', from.overallPrincipalId ?? null, to.overallPrincipalId ?? null],
    ['nextFollowUpOn', from.nextFollowUpOn ?? null, to.nextFollowUpOn ?? null],
  ];
  for (const [field, a, b] of plain) {
    if (text(a) !== text(b)) changes.push({ part: 'plan', kind: 'changed', subject: field, field, before: text(a), after: text(b) });
  }
  for (const part of Object.keys(FIELDS) as Array<Exclude<Part, 'plan'>>) {
    const a = new Map(((from[part] ?? []) as Array<Record<string, unknown>>).map((x) => [String(x.id), x]));
    const b = new Map(((to[part] ?? []) as Array<Record<string, unknown>>).map((x) => [String(x.id), x]));
    for (const [id, x] of b) if (!a.has(id)) changes.push({ part, kind: 'added', subject: SUBJECT[part](x) });
    for (const [id, x] of a) if (!b.has(id)) changes.push({ part, kind: 'removed', subject: SUBJECT[part](x) });
    for (const [id, after] of b) {
      const before = a.get(id);
      if (!before) continue;
      for (const field of FIELDS[part]) {
        if (text(before[field]) !== text(after[field])) {
          changes.push({ part, kind: 'changed', subject: SUBJECT[part](before), field, before: text(before[field]), after: text(after[field]) });
        }
      }
    }
  }
  return changes;
}
