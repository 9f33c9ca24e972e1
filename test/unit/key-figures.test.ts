import { describe, expect, it } from 'vitest';
import {
  figureById, figureValue, FIGURE_IDS, INITIATOR_GROUPS, isSmall, KEY_FIGURES, meetsTarget, periodLabel, periodsBetween, periodStart, type FactAggregate,
} from '../../src/domain/key-figures.ts';
import { UNIT_KINDS } from '../../src/domain/organisation.ts';
import { toCsv } from '../../src/services/key-figures/export-key-figures.ts';

const agg = (a: Partial<FactAggregate>): FactAggregate => ({ num: 0, den: 0, n: 0, median: null, p90: null, mean: null, entitled: false, ...a });
const f = (id: string) => figureById(id)!;

describe('key figure definitions', () => {
  it('every figure the issue lists is defined, once, with a written definition in both languages', () => {
    expect(new Set(FIGURE_IDS).size).toBe(FIGURE_IDS.length);
    for (const id of ['initiated', 'established', 'followed_up', 'closed', 'days_to_first_meeting_median', 'days_to_first_meeting_p90',
      'follow_ups_on_time', 'interventions_on_time', 'child_present', 'consents_refused_or_withdrawn', 'invitations_declined',
      'plans_without_coordinator', 'coordinator_changes_per_plan', 'video_meetings', 'deviations_reported', 'deviation_days_to_resolve',
      'survey_listened', 'survey_clear', 'initiated_by_school', 'initiated_by_pupil_health', 'initiated_by_social_services',
      'initiated_by_child_psychiatry', 'initiated_by_primary_care']) expect(FIGURE_IDS).toContain(id);
    for (const k of KEY_FIGURES) {
      expect(k.definition.sv.length, k.id).toBeGreaterThan(30);
      expect(k.definition.en.length, k.id).toBeGreaterThan(30);
      expect(k.id).toMatch(/^[a-z0-9_]{1,60}$/);
      // A share or ratio names what is divided by what.
      if (k.statistic === 'share' || k.statistic === 'ratio') expect(k.numerator && k.denominator, k.id).toBeTruthy();
    }
  });

  it('every unit kind belongs to exactly one initiator group', () => {
    const kinds = Object.values(INITIATOR_GROUPS).flatMap((g) => g.kinds);
    expect([...kinds].sort()).toEqual([...UNIT_KINDS].sort());
  });
});

describe('suppression: no child identifiable from a figure', () => {
  const analyst = { analyst: true };
  const manager = { analyst: false };

  it('a count of 3 is "<5" to the analyst and to anyone not entitled, and 3 to an entitled manager', () => {
    expect(figureValue(f('initiated'), agg({ num: 3, den: 3, n: 3, entitled: true }), analyst)).toMatchObject({ value: null, display: '<5', suppressed: true, numerator: null });
    expect(figureValue(f('initiated'), agg({ num: 3, den: 3, n: 3, entitled: false }), manager)).toMatchObject({ display: '<5', suppressed: true });
    expect(figureValue(f('initiated'), agg({ num: 3, den: 3, n: 3, entitled: true }), manager)).toMatchObject({ value: 3, display: '3', suppressed: false });
  });

  it('5 and more are shown to everyone; 0 names nobody and is shown', () => {
    expect(figureValue(f('initiated'), agg({ num: 5, den: 5, n: 5 }), analyst)).toMatchObject({ value: 5, suppressed: false });
    expect(figureValue(f('initiated'), agg({ num: 0, den: 0, n: 0 }), analyst)).toMatchObject({ value: 0, display: '0' });
    expect(figureValue(f('initiated'), undefined, analyst)).toMatchObject({ value: 0, display: '0' });
    expect([0, 1, 4, 5].map(isSmall)).toEqual([false, true, true, false]);
  });

  it('a share is suppressed when its numerator or its denominator is', () => {
    expect(figureValue(f('child_present'), agg({ num: 4, den: 10, n: 10 }), analyst)).toMatchObject({ display: '<5', suppressed: true, denominator: null });
    expect(figureValue(f('child_present'), agg({ num: 3, den: 3, n: 3 }), analyst)).toMatchObject({ suppressed: true });
    expect(figureValue(f('child_present'), agg({ num: 6, den: 8, n: 8 }), analyst)).toMatchObject({ value: 75, display: '75 %', numerator: 6, denominator: 8 });
    // No meetings at all: nothing to say, and nothing hidden.
    expect(figureValue(f('child_present'), agg({ num: 0, den: 0, n: 0 }), analyst)).toMatchObject({ value: null, display: '', suppressed: false });
    expect(figureValue(f('child_present'), agg({ num: 1, den: 3, n: 3, entitled: true }), manager)).toMatchObject({ value: 33.3 });
  });

  it('a median, percentile or mean over fewer than 5 is suppressed', () => {
    expect(figureValue(f('days_to_first_meeting_median'), agg({ num: 4, den: 4, n: 4, median: 12 }), manager)).toMatchObject({ suppressed: true });
    expect(figureValue(f('days_to_first_meeting_p90'), agg({ num: 5, den: 5, n: 5, p90: 26.04 }), analyst)).toMatchObject({ value: 26, denominator: 5 });
    expect(figureValue(f('survey_listened'), agg({ num: 6, den: 6, n: 6, mean: 4.1666 }), analyst)).toMatchObject({ value: 4.17 });
  });

  it('a ratio rounds to two places', () => {
    expect(figureValue(f('coordinator_changes_per_plan'), agg({ num: 5, den: 15, n: 15 }), analyst)).toMatchObject({ value: 0.33 });
  });
});

describe('periods and targets', () => {
  it('names and steps through months, quarters and years', () => {
    expect(periodStart('quarter', '2024-05-17')).toBe('2024-04-01');
    expect(periodsBetween('quarter', '2024-02-01', '2024-12-31')).toEqual(['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']);
    expect(periodsBetween('month', '2024-11-15', '2025-02-01')).toEqual(['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
    expect(periodsBetween('year', '2023-06-01', '2024-01-01')).toEqual(['2023-01-01', '2024-01-01']);
    expect([periodLabel('quarter', '2024-10-01'), periodLabel('month', '2024-03-01'), periodLabel('year', '2024-01-01')]).toEqual(['2024 K4', '2024-03', '2024']);
  });

  it('reads actual against target the way the figure is better', () => {
    expect(meetsTarget(f('child_present'), 80, 75)).toBe(true);
    expect(meetsTarget(f('days_to_first_meeting_median'), 20, 15)).toBe(false);
    expect(meetsTarget(f('initiated'), 40, 30)).toBe(true);
    expect(meetsTarget(f('initiated'), null, 30)).toBeNull();
  });
});

describe('CSV export', () => {
  it('separates by semicolon, writes decimal commas, quotes what needs it, and defuses formulas', () => {
    const csv = toCsv([['a', 'b;c', 1.5, null, '=SUM(A1)', 'say "hi"']]);
    expect(csv).toBe('\uFEFFa;"b;c";1,5;;\'=SUM(A1);"say ""hi"""\r\n');
  });
});
