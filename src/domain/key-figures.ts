/**
 * Key figures (nyckeltal) of internal control (SIP.md §5; issue 7): what each figure means, how it
 * is built from the facts the database gathers (src/services/key-figures/), and when a figure
 * must be suppressed so that no child can be identified from it. Pure: no I/O.
 */

/** The periods figures are grouped by, as PostgreSQL's date_trunc names them. */
export const GRAINS = ['month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/**
 * What a figure is broken down by. A plan counts for every unit that takes part in it (and so for
 * the unit's principal, municipality and kind), once per group however many of its units the
 * group holds; `agreement` is the municipalities of a local agreement (its steering group's area).
 */
export const DIMENSIONS = ['county', 'principal', 'municipality', 'unit_kind', 'unit', 'agreement'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** How the figure is computed from its fact set's aggregates. */
export type Statistic = 'count' | 'share' | 'median' | 'p90' | 'mean' | 'ratio';
export type FigureUnit = 'count' | 'percent' | 'days' | 'per_plan' | 'score';

export interface KeyFigure {
  id: string;
  /** The fact set the SQL gathers (several figures may share one, e.g. median and p90). */
  facts: string;
  /** For a share whose denominator is another fact set's count (the plans initiated). */
  denominatorFacts?: string;
  statistic: Statistic;
  unit: FigureUnit;
  /** Whether a higher value is better (for reading actual against target); null: neither. */
  higherIsBetter: boolean | null;
  name: { sv: string; en: string };
  /** The written definition shown beside the figure. */
  definition: { sv: string; en: string };
  numerator: string | null;
  denominator: string | null;
  /** Fact sets from another part of Samplan that may not exist in every installation. */
  optional?: 'deviations' | 'surveys';
}

/** The unit kinds a share of initiatives is reported for; the rest count as "other". */
export const INITIATOR_GROUPS: Record<string, { sv: string; en: string; kinds: string[] }> = {
  school: { sv: 'skola och förskola', en: 'school and preschool', kinds: ['school', 'preschool'] },
  pupil_health: { sv: 'elevhälsan', en: 'pupil health', kinds: ['pupil_health'] },
  social_services: { sv: 'socialtjänsten', en: 'social services', kinds: ['social_services_children'] },
  child_psychiatry: { sv: 'BUP (barn- och ungdomspsykiatrin)', en: 'child and adolescent psychiatry', kinds: ['child_psychiatry'] },
  primary_care: { sv: 'primärvården (vårdcentralen)', en: 'primary care', kinds: ['primary_care'] },
  other: { sv: 'annan verksamhet (habilitering, annan vård, LSS, fritid, övrigt)', en: 'another unit (habilitation, other care, LSS, leisure, other)', kinds: ['habilitation', 'somatic_care', 'care_lss', 'culture_leisure', 'other'] },
};

const initiatedShare = (group: string): KeyFigure => {
  const g = INITIATOR_GROUPS[group]!;
  return {
    id: `initiated_by_${group}`, facts: `initiated_by_${group}`, denominatorFacts: 'initiated', statistic: 'share', unit: 'percent', higherIsBetter: null,
    name: { sv: `Andel initierade av ${g.sv}`, en: `Share initiated by ${g.en}` },
    definition: {
      sv: `Andelen av de SIP som initierades under perioden där den initierande verksamheten var ${g.sv}.`,
      en: `Of the SIPs initiated in the period, the share whose initiating unit was ${g.en}.`,
    },
    numerator: 'SIP initierade av verksamhetsslaget', denominator: 'SIP initierade',
  };
};

export const KEY_FIGURES: readonly KeyFigure[] = [
  {
    id: 'initiated', facts: 'initiated', statistic: 'count', unit: 'count', higherIsBetter: null,
    name: { sv: 'Initierade SIP', en: 'SIPs initiated' },
    definition: { sv: 'Antal planer vars initiering registrerades under perioden.', en: 'Plans whose initiative was recorded in the period.' },
    numerator: 'planer initierade', denominator: null,
  },
  {
    id: 'established', facts: 'established', statistic: 'count', unit: 'count', higherIsBetter: null,
    name: { sv: 'Upprättade SIP', en: 'SIPs established' },
    definition: { sv: 'Antal planer som upprättades (första versionen) under perioden.', en: 'Plans established (their first version) in the period.' },
    numerator: 'planer upprättade', denominator: null,
  },
  {
    id: 'followed_up', facts: 'followed_up', statistic: 'count', unit: 'count', higherIsBetter: null,
    name: { sv: 'Uppföljda SIP', en: 'SIPs followed up' },
    definition: { sv: 'Antal planer med minst en uppföljning hållen under perioden.', en: 'Plans with at least one follow-up held in the period.' },
    numerator: 'planer uppföljda', denominator: null,
  },
  {
    id: 'closed', facts: 'closed', statistic: 'count', unit: 'count', higherIsBetter: null,
    name: { sv: 'Avslutade SIP', en: 'SIPs closed' },
    definition: { sv: 'Antal planer som avslutades under perioden (avbrutna planer räknas inte).', en: 'Plans closed in the period (cancelled plans are not counted).' },
    numerator: 'planer avslutade', denominator: null,
  },
  ...Object.keys(INITIATOR_GROUPS).map(initiatedShare),
  {
    id: 'days_to_first_meeting_median', facts: 'first_meeting', statistic: 'median', unit: 'days', higherIsBetter: false,
    name: { sv: 'Dagar från initiering till första möte (median)', en: 'Days from initiative to first meeting (median)' },
    definition: {
      sv: 'Medianen av antalet kalenderdagar från initieringen till planens första SIP-möte, för planer vars första möte hölls under perioden.',
      en: 'The median number of calendar days from the initiative to the plan\'s first SIP meeting, for plans whose first meeting was held in the period.',
    },
    numerator: null, denominator: 'planer med första möte',
  },
  {
    id: 'days_to_first_meeting_p90', facts: 'first_meeting', statistic: 'p90', unit: 'days', higherIsBetter: false,
    name: { sv: 'Dagar från initiering till första möte (90:e percentilen)', en: 'Days from initiative to first meeting (90th percentile)' },
    definition: {
      sv: '90:e percentilen av antalet kalenderdagar från initieringen till det första SIP-mötet: nio av tio planer fick sitt första möte inom så många dagar.',
      en: 'The 90th percentile of calendar days from the initiative to the first SIP meeting: nine plans in ten had their first meeting within this many days.',
    },
    numerator: null, denominator: 'planer med första möte',
  },
  {
    id: 'follow_ups_on_time', facts: 'follow_up_on_time', statistic: 'share', unit: 'percent', higherIsBetter: true,
    name: { sv: 'Uppföljningar hållna i tid', en: 'Follow-ups held on time' },
    definition: {
      sv: 'Av de uppföljningar som skulle hållas under perioden (datumet passerat), andelen som hölls senast på sitt datum. En uppföljning som inte hållits alls räknas som inte i tid.',
      en: 'Of the follow-ups due in the period (date passed), the share held on or before their date. A follow-up never held counts as late.',
    },
    numerator: 'uppföljningar hållna senast på datumet', denominator: 'uppföljningar som skulle hållas',
  },
  {
    id: 'interventions_on_time', facts: 'intervention_on_time', statistic: 'share', unit: 'percent', higherIsBetter: true,
    name: { sv: 'Insatser klara i tid', en: 'Interventions done on time' },
    definition: {
      sv: 'Av insatserna med slutdatum under perioden (inte avbrutna; datumet passerat eller insatsen klar), andelen som var klar senast på slutdatumet. Räknas på den ansvariga verksamheten.',
      en: 'Of the interventions due in the period (not cancelled; date passed or done), the share done by the due date. Counted for the responsible unit.',
    },
    numerator: 'insatser klara i tid', denominator: 'insatser med passerat slutdatum',
  },
  {
    id: 'child_present', facts: 'child_present', statistic: 'share', unit: 'percent', higherIsBetter: true,
    name: { sv: 'Möten där barnet var med', en: 'Meetings with the child present' },
    definition: {
      sv: 'Andelen av SIP-mötena under perioden där barnet eller den unge deltog (barnkonventionen art. 12, lag 2018:1197).',
      en: 'The share of SIP meetings in the period where the child or young person took part (UNCRC art. 12, Swedish law 2018:1197).',
    },
    numerator: 'möten med barnet närvarande', denominator: 'möten',
  },
  {
    id: 'consents_refused_or_withdrawn', facts: 'consent_refused_withdrawn', statistic: 'count', unit: 'count', higherIsBetter: false,
    name: { sv: 'Samtycken som nekats eller återkallats', en: 'Consents refused or withdrawn' },
    definition: {
      sv: 'Antal samtycken registrerade under perioden där någon vårdnadshavare eller barnet nekade, plus antal samtycken som återkallades under perioden.',
      en: 'Consents recorded in the period where a guardian or the child refused, plus consents withdrawn in the period.',
    },
    numerator: 'nekade och återkallade samtycken', denominator: null,
  },
  {
    id: 'invitations_declined', facts: 'invitation_declined', statistic: 'count', unit: 'count', higherIsBetter: false,
    name: { sv: 'Kallelser som avböjts', en: 'Invitations declined' },
    definition: {
      sv: 'Antal svar på kallelser under perioden som avböjde att delta. Att avböja en SIP är en avvikelse att följa upp (rutinen). Räknas på den avböjande verksamheten.',
      en: 'Answers to invitations in the period that declined to take part. Declining a SIP is a deviation to follow up (the routine). Counted for the declining unit.',
    },
    numerator: 'avböjda kallelser', denominator: null,
  },
  {
    id: 'plans_without_coordinator', facts: 'without_coordinator', statistic: 'count', unit: 'count', higherIsBetter: false,
    name: { sv: 'Pågående planer utan aktiv samordnare', en: 'Open plans without an active coordinator' },
    definition: {
      sv: 'Antal pågående planer som i dag har haft minst ett möte men saknar en samordnare som är aktiv i sin verksamhet (Lotsmodellen: en lots utses vid första mötet). Visas för perioden som innehåller dagens datum.',
      en: 'Open plans that have had at least one meeting but today lack a coordinator active in their unit (Lotsmodellen: a coordinator is named at the first meeting). Shown for the period that holds today.',
    },
    numerator: 'planer utan aktiv samordnare', denominator: null,
  },
  {
    id: 'coordinator_changes_per_plan', facts: 'coordinator_changes', statistic: 'ratio', unit: 'per_plan', higherIsBetter: false,
    name: { sv: 'Samordnarbyten per plan', en: 'Coordinator changes per plan' },
    definition: {
      sv: 'Antal byten av samordnare under perioden delat med antal planer som var upprättade under perioden (upprättade före periodens slut, inte avslutade eller avbrutna före dess början).',
      en: 'Coordinator changes in the period divided by the plans that were established during the period (established before its end, not closed or cancelled before its start).',
    },
    numerator: 'samordnarbyten', denominator: 'upprättade planer under perioden',
  },
  {
    id: 'video_meetings', facts: 'video_meeting', statistic: 'share', unit: 'percent', higherIsBetter: null,
    name: { sv: 'Möten på video', en: 'Meetings by video' },
    definition: { sv: 'Andelen av SIP-mötena under perioden som hölls på video.', en: 'The share of SIP meetings in the period held by video.' },
    numerator: 'videomöten', denominator: 'möten',
  },
  {
    id: 'deviations_reported', facts: 'deviation_reported', statistic: 'count', unit: 'count', higherIsBetter: null, optional: 'deviations',
    name: { sv: 'Rapporterade avvikelser', en: 'Deviations reported' },
    definition: { sv: 'Antal avvikelser i samverkan som rapporterades under perioden. Räknas på de verksamheter avvikelsen gäller.', en: 'Deviations in cooperation reported in the period, counted for the units they concern.' },
    numerator: 'avvikelser', denominator: null,
  },
  {
    id: 'deviation_days_to_resolve', facts: 'deviation_resolved', statistic: 'median', unit: 'days', higherIsBetter: false, optional: 'deviations',
    name: { sv: 'Dagar till avslutad avvikelse (median)', en: 'Days to resolve a deviation (median)' },
    definition: { sv: 'Medianen av antalet kalenderdagar från rapport till avslut, för avvikelser avslutade under perioden.', en: 'The median number of calendar days from report to closure, for deviations closed in the period.' },
    numerator: null, denominator: 'avslutade avvikelser',
  },
  {
    id: 'survey_listened', facts: 'survey_listened', statistic: 'mean', unit: 'score', higherIsBetter: true, optional: 'surveys',
    name: { sv: 'Familjen kände sig lyssnad på', en: 'The family felt listened to' },
    definition: { sv: 'Medelvärdet (1–5) av familjens svar på frågan "Kände du dig lyssnad på?" efter möten, för svar under perioden.', en: 'The mean (1–5) of the family\'s answers to "Did you feel listened to?" after meetings, for answers in the period.' },
    numerator: null, denominator: 'svar',
  },
  {
    id: 'survey_clear', facts: 'survey_clear', statistic: 'mean', unit: 'score', higherIsBetter: true, optional: 'surveys',
    name: { sv: 'Familjen vet vem som gör vad', en: 'The family knows who does what' },
    definition: { sv: 'Medelvärdet (1–5) av familjens svar på frågan om det är tydligt vem som gör vad, för svar under perioden.', en: 'The mean (1–5) of the family\'s answers on whether it is clear who does what, for answers in the period.' },
    numerator: null, denominator: 'svar',
  },
];

export const FIGURE_IDS = KEY_FIGURES.map((f) => f.id);
export const figureById = (id: string): KeyFigure | undefined => KEY_FIGURES.find((f) => f.id === id);

/** What the SQL returns per fact set, group and period. */
export interface FactAggregate {
  /** Sum of the facts' numerators (for a count: the count). */
  num: number;
  /** Sum of the facts' denominators. */
  den: number;
  /** How many facts (plans, meetings, answers …) the aggregate rests on. */
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
  /** Whether the viewer may read every plan under these facts. */
  entitled: boolean;
}

/** Statistics Sweden's and Socialstyrelsen's usual rule: fewer than 5 is not published. */
export const SUPPRESSION_THRESHOLD = 5;

export interface Viewer {
  /** The analyst (uppföljare) sees aggregates only, never a person: always suppressed. */
  analyst: boolean;
}

export interface FigureValue {
  /** The value to show; null when there is nothing to compute or it is suppressed. */
  value: number | null;
  /** '<5' when suppressed; otherwise the value as text ('' when there is none). */
  display: string;
  suppressed: boolean;
  numerator: number | null;
  denominator: number | null;
  n: number | null;
}

/**
 * A small count is hidden from a viewer not entitled to the plans under it: with fewer than five,
 * one who knows a little of a family could tell which child it is. Zero is shown: it names nobody.
 */
export function isSmall(count: number): boolean {
  return count > 0 && count < SUPPRESSION_THRESHOLD;
}

/**
 * The value of one figure from its facts' aggregate, with the suppression rule applied: counts
 * under 5 are "<5" for a viewer not entitled to every underlying plan, and for an analyst always;
 * a share or ratio whose numerator or denominator is suppressed is suppressed too; a median,
 * percentile or mean resting on fewer than 5 facts is suppressed (it would describe them).
 */
export function figureValue(figure: KeyFigure, agg: FactAggregate | undefined, viewer: Viewer): FigureValue {
  if (!agg || agg.n === 0) {
    return figure.statistic === 'count'
      ? { value: 0, display: '0', suppressed: false, numerator: 0, denominator: null, n: 0 }
      : { value: null, display: '', suppressed: false, numerator: null, denominator: null, n: 0 };
  }
  const protect = viewer.analyst || !agg.entitled;
  const hidden: FigureValue = { value: null, display: `<${SUPPRESSION_THRESHOLD}`, suppressed: true, numerator: null, denominator: null, n: null };
  switch (figure.statistic) {
    case 'count':
      if (protect && isSmall(agg.num)) return hidden;
      return shown(agg.num, agg.num, null, agg.n, figure);
    case 'share':
    case 'ratio': {
      if (protect && (isSmall(agg.num) || isSmall(agg.den))) return hidden;
      if (agg.den === 0) return { value: null, display: '', suppressed: false, numerator: agg.num, denominator: 0, n: agg.n };
      const v = figure.statistic === 'share' ? (100 * agg.num) / agg.den : agg.num / agg.den;
      return shown(v, agg.num, agg.den, agg.n, figure);
    }
    case 'median':
    case 'p90':
    case 'mean': {
      if (protect && isSmall(agg.n)) return hidden;
      const v = figure.statistic === 'median' ? agg.median : figure.statistic === 'p90' ? agg.p90 : agg.mean;
      return v === null ? { value: null, display: '', suppressed: false, numerator: null, denominator: agg.n, n: agg.n } : shown(v, null, agg.n, agg.n, figure);
    }
  }
}

function shown(v: number, num: number | null, den: number | null, n: number, figure: KeyFigure): FigureValue {
  const value = roundFor(figure, v);
  return { value, display: formatValue(figure, value), suppressed: false, numerator: num, denominator: den, n };
}

/** Percentages and days to one decimal, ratios and scores to two; counts are whole. */
export function roundFor(figure: KeyFigure, v: number): number {
  const places = figure.unit === 'count' ? 0 : figure.unit === 'percent' || figure.unit === 'days' ? 1 : 2;
  const f = 10 ** places;
  return Math.round(v * f) / f;
}

export function formatValue(figure: KeyFigure, value: number): string {
  return figure.unit === 'percent' ? `${value} %` : String(value);
}

/** The first day of the period holding `day` ('YYYY-MM-DD'), as date_trunc computes it. */
export function periodStart(grain: Grain, day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  if (grain === 'year') return `${y}-01-01`;
  const month = grain === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  return `${y}-${String(month).padStart(2, '0')}-01`;
}

/** The periods from `from` to `to` inclusive, by their first day. */
export function periodsBetween(grain: Grain, from: string, to: string): string[] {
  const step = grain === 'year' ? 12 : grain === 'quarter' ? 3 : 1;
  const out: string[] = [];
  let [y, m] = periodStart(grain, from).split('-').map(Number) as [number, number];
  const last = periodStart(grain, to);
  for (let i = 0; i < 1000; i++) {
    const p = `${y}-${String(m).padStart(2, '0')}-01`;
    if (p > last) break;
    out.push(p);
    m += step;
    while (m > 12) { m -= 12; y++; }
  }
  return out;
}

/** A period's name for people: '2026', '2026 K1', '2026-03'. */
export function periodLabel(grain: Grain, start: string): string {
  const [y, m] = start.split('-');
  if (grain === 'year') return y!;
  if (grain === 'quarter') return `${y} K${Math.floor((Number(m) - 1) / 3) + 1}`;
  return `${y}-${m}`;
}

/**
 * Whether the actual value meets the target, given which way is better (a target for a figure
 * without a better direction, such as SIPs initiated, is a level to reach); null when unknown.
 */
export function meetsTarget(figure: KeyFigure, actual: number | null, target: number | null): boolean | null {
  if (actual === null || target === null) return null;
  return figure.higherIsBetter === false ? actual <= target : actual >= target;
}
