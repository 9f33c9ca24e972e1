/** The readable difference between two versions of a plan (web/src/plan/version-diff.ts). */
import { describe, expect, it } from 'vitest';
import { diffVersions, type VersionContent } from '../../web/src/plan/version-diff.ts';

const v1: VersionContent = {
  coordinator: { staffId: 's1', unitId: 'u1', name: 'Johan Berg' },
  overallPrincipalId: 'p1',
  nextFollowUpOn: '2027-02-20',
  goals: [{ id: 'g1', professionalWording: 'Närvaro 80 %', childWords: 'Äta lunch med klassen' }, { id: 'g2', professionalWording: 'Sova bättre', childWords: null }],
  interventions: [{ id: 'i1', description: 'Anpassad lunch', unitId: 'u2', responsibleStaffId: 's2', startsOn: '2026-11-22', dueOn: '2027-01-21', status: 'planned' }],
  measuresByOthers: [{ id: 'm1', actor: 'IFK', description: 'Fotboll' }],
  needs: [],
};

describe('diffVersions', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffVersions(v1, structuredClone(v1))).toEqual([]);
  });

  it('names what was added, removed and changed, with before and after', () => {
    const v2: VersionContent = {
      ...structuredClone(v1),
      coordinator: { staffId: 's9', unitId: 'u1', name: 'Eva Andersson' },
      goals: [{ id: 'g1', professionalWording: 'Närvaro 90 %', childWords: 'Äta lunch med klassen' }, { id: 'g3', professionalWording: 'Ny vän', childWords: 'Ha en kompis' }],
      interventions: [{ ...v1.interventions![0]!, status: 'ongoing', dueOn: '2027-03-01' }],
      measuresByOthers: [],
    };
    const changes = diffVersions(v1, v2);
    expect(changes).toContainEqual({ part: 'plan', kind: 'changed', subject: 'coordinator', field: 'coordinator', before: 'Johan Berg', after: 'Eva Andersson' });
    expect(changes).toContainEqual({ part: 'goals', kind: 'added', subject: 'Ha en kompis' });
    expect(changes).toContainEqual({ part: 'goals', kind: 'removed', subject: 'Sova bättre' });
    expect(changes).toContainEqual({ part: 'goals', kind: 'changed', subject: 'Äta lunch med klassen', field: 'professionalWording', before: 'Närvaro 80 %', after: 'Närvaro 90 %' });
    expect(changes).toContainEqual({ part: 'interventions', kind: 'changed', subject: 'Anpassad lunch', field: 'status', before: 'planned', after: 'ongoing' });
    expect(changes).toContainEqual({ part: 'interventions', kind: 'changed', subject: 'Anpassad lunch', field: 'dueOn', before: '2027-01-21', after: '2027-03-01' });
    expect(changes).toContainEqual({ part: 'measuresByOthers', kind: 'removed', subject: 'IFK: Fotboll' });
    expect(changes).toHaveLength(7);
  });

  it('treats a missing list as empty, so the first version shows everything as new', () => {
    const changes = diffVersions({}, v1);
    expect(changes.filter((c) => c.kind === 'added').map((c) => c.part).sort()).toEqual(['goals', 'goals', 'interventions', 'measuresByOthers']);
  });
});
