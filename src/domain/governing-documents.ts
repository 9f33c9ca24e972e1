/**
 * The governing documents of cooperation around children (SIP.md §5): framework agreements, local
 * agreements, guidelines and routines, written as sections and decided as whole versions; and who
 * must read which version (the audits' recommendation 1: continuous training in the agreements,
 * followed up). Pure rules, no I/O; the web app's editor checks the same rules as it is typed.
 */
import { UNIT_KINDS, ROLES, type UnitKind } from './organisation.ts';

export const DOCUMENT_KINDS = ['framework_agreement', 'local_agreement', 'guideline', 'routine'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The steps of the SIP process (Skåne's routine, SIP.md §4) a routine's section can govern. */
export const PROCESS_STEPS = [
  'initiative', 'consent', 'invitation', 'mapping', 'meeting', 'activity_follow_up', 'evaluation', 'follow_up', 'closure',
] as const;
export type ProcessStep = (typeof PROCESS_STEPS)[number];

export type Role = (typeof ROLES)[number];

export interface Section {
  anchor: string;
  level: 1 | 2 | 3;
  heading: string;
  body: string;
  processStep: ProcessStep | null;
}

/** Whom a version asks to read it: staff of a unit kind in a role; null is any. */
export interface Audience {
  unitKind: UnitKind | null;
  role: Role | null;
}

export interface VersionInput {
  effectiveFrom: string;
  changeSummary: string;
  sections: Array<{ anchor?: string | null; level?: number; heading: string; body?: string; processStep?: string | null }>;
  audiences: Array<{ unitKind?: string | null; role?: string | null }>;
}

export interface Problem { field: string; code: string; message: string }

const ANCHOR = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A link name from a heading: "Kallelse till SIP-möte" → "kallelse-till-sip-mote" (å, ä → a; ö → o). */
export function anchorFrom(heading: string): string {
  return heading.toLowerCase()
    .replace(/[åä]/g, 'a').replace(/ö/g, 'o')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    .slice(0, 80).replace(/-+$/, '') || 'avsnitt';
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))
  && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * Checks a version as an editor submits it and returns it normalised (anchors made from headings
 * where none is given). `latestEffectiveFrom` is the date of the newest version so far: versions
 * follow each other in time. `today` is the Swedish date: a decided text cannot take effect in the
 * past, since staff would then have been bound by a text they could not have read.
 */
export function checkVersion(input: VersionInput, today: string, latestEffectiveFrom: string | null): { version: { effectiveFrom: string; changeSummary: string; sections: Section[]; audiences: Audience[] }; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isDay(input.effectiveFrom)) problems.push({ field: '/effectiveFrom', code: 'format', message: 'Ange ett datum (ÅÅÅÅ-MM-DD).' });
  else if (input.effectiveFrom < today) problems.push({ field: '/effectiveFrom', code: 'past', message: 'En ny version kan inte gälla från ett datum som redan har passerat.' });
  else if (latestEffectiveFrom && input.effectiveFrom < latestEffectiveFrom) {
    problems.push({ field: '/effectiveFrom', code: 'before_previous', message: `Den senaste versionen gäller från ${latestEffectiveFrom}; en ny version kan inte gälla tidigare.` });
  }
  const changeSummary = input.changeSummary.trim();
  if (!changeSummary) problems.push({ field: '/changeSummary', code: 'required', message: 'Skriv vad som har ändrats, så att den som läser vet vad som är nytt.' });
  if (input.sections.length === 0) problems.push({ field: '/sections', code: 'required', message: 'Dokumentet behöver minst ett avsnitt.' });
  const seen = new Set<string>();
  const sections: Section[] = input.sections.map((s, i) => {
    const heading = s.heading.trim();
    if (!heading) problems.push({ field: `/sections/${i}/heading`, code: 'required', message: 'Varje avsnitt behöver en rubrik.' });
    const anchor = s.anchor?.trim() || anchorFrom(heading);
    if (!ANCHOR.test(anchor) || anchor.length > 80) {
      problems.push({ field: `/sections/${i}/anchor`, code: 'format', message: 'Länknamnet får bara ha små bokstäver a–z, siffror och bindestreck.' });
    } else if (seen.has(anchor)) {
      problems.push({ field: `/sections/${i}/anchor`, code: 'duplicate', message: `Länknamnet "${anchor}" används redan i ett annat avsnitt.` });
    }
    seen.add(anchor);
    const level = s.level ?? 1;
    if (level !== 1 && level !== 2 && level !== 3) problems.push({ field: `/sections/${i}/level`, code: 'range', message: 'Rubriknivån är 1, 2 eller 3.' });
    const step = s.processStep ?? null;
    if (step !== null && !(PROCESS_STEPS as readonly string[]).includes(step)) {
      problems.push({ field: `/sections/${i}/processStep`, code: 'unknown', message: 'Okänt steg i SIP-processen.' });
    }
    return { anchor, level: level as 1 | 2 | 3, heading, body: (s.body ?? '').replace(/\r\n/g, '\n').trim(), processStep: step as ProcessStep | null };
  });
  const audienceKeys = new Set<string>();
  const audiences: Audience[] = [];
  input.audiences.forEach((a, i) => {
    const unitKind = a.unitKind ?? null;
    const role = a.role ?? null;
    if (unitKind !== null && !(UNIT_KINDS as readonly string[]).includes(unitKind)) problems.push({ field: `/audiences/${i}/unitKind`, code: 'unknown', message: 'Okänd sorts verksamhet.' });
    if (role !== null && !(ROLES as readonly string[]).includes(role)) problems.push({ field: `/audiences/${i}/role`, code: 'unknown', message: 'Okänd roll.' });
    const key = `${unitKind ?? '*'}|${role ?? '*'}`;
    if (!audienceKeys.has(key)) audiences.push({ unitKind: unitKind as UnitKind | null, role: role as Role | null });
    audienceKeys.add(key);
  });
  return { version: { effectiveFrom: input.effectiveFrom, changeSummary, sections, audiences }, problems };
}

/** A version as the training rules see it. */
export interface VersionFacts {
  versionNo: number;
  effectiveFrom: string;
  audiences: readonly Audience[];
}

/** A staff member's assignment: the kind of unit and the role. */
export interface Assignment {
  unitKind: UnitKind;
  role: Role;
}

/** An assignment with where its unit belongs: whose agreements bind it. */
export interface PlacedAssignment extends Assignment {
  principalId: string;
  /** The municipality the unit serves; null for a region's unit that serves the whole county. */
  municipalityCode: string | null;
}

export interface Signatory {
  id: string;
  kind: 'region' | 'municipality' | 'private';
  municipalityCode: string | null;
  /** A party named in the document that has not signed yet is not bound; absent means signed. */
  signed?: boolean;
}

/**
 * An agreement binds the principals that signed it, where it applies: Trelleborg's local agreement
 * binds Trelleborg's units and the region's units in Trelleborg, not BUP in Kristianstad, though
 * the region signed both. So a document covers a unit when the unit's principal has signed it and,
 * when municipalities are parties (signed yet or not: they say where it applies), the unit lies
 * in one of them.
 */
export function covers(parties: readonly Signatory[], a: Pick<PlacedAssignment, 'principalId' | 'municipalityCode'>): boolean {
  if (!parties.some((p) => p.id === a.principalId && p.signed !== false)) return false;
  const municipalities = parties.flatMap((p) => (p.kind === 'municipality' && p.municipalityCode ? [p.municipalityCode] : []));
  return municipalities.length === 0 || a.municipalityCode === null || municipalities.includes(a.municipalityCode);
}

/** The assignments a document binds. */
export function boundBy<A extends PlacedAssignment>(parties: readonly Signatory[], assignments: readonly A[]): A[] {
  return assignments.filter((a) => covers(parties, a));
}

export function concerns(audiences: readonly Audience[], assignments: readonly Assignment[]): boolean {
  return audiences.some((a) => assignments.some((m) => (a.unitKind === null || a.unitKind === m.unitKind) && (a.role === null || a.role === m.role)));
}

/** The version in force on a Swedish date: the newest whose effective date has come. */
export function versionInForce<V extends VersionFacts>(versions: readonly V[], today: string): V | null {
  let best: V | null = null;
  for (const v of versions) if (v.effectiveFrom <= today && (!best || v.versionNo > best.versionNo)) best = v;
  return best;
}

export interface ReadingState {
  /** The document asks this person to read it (a version in force so far concerned them). */
  required: boolean;
  /** The newest version the person has confirmed, or null. */
  acknowledgedVersionNo: number | null;
  /** Confirmed a version at or after the newest version in force that concerns them. */
  upToDate: boolean;
  /** The version to confirm now: the one in force. */
  versionInForce: number | null;
}

/**
 * Whether a person is up to date on a document. A version asks again only those it concerns: a
 * new version for schools leaves BUP's staff up to date, and an editorial version (no audience)
 * asks nobody. Confirming means confirming the version in force, which is the newest anyone can
 * read, so a confirmation at or after the newest version that concerns the person covers them.
 */
export function readingState(versions: readonly VersionFacts[], assignments: readonly Assignment[], acknowledged: readonly number[], today: string): ReadingState {
  const inForce = versionInForce(versions, today);
  const acknowledgedVersionNo = acknowledged.length ? Math.max(...acknowledged) : null;
  let requiredNo: number | null = null;
  for (const v of versions) {
    if (v.effectiveFrom <= today && concerns(v.audiences, assignments) && (requiredNo === null || v.versionNo > requiredNo)) requiredNo = v.versionNo;
  }
  return {
    required: requiredNo !== null,
    acknowledgedVersionNo,
    upToDate: requiredNo === null || (acknowledgedVersionNo !== null && acknowledgedVersionNo >= requiredNo),
    versionInForce: inForce?.versionNo ?? null,
  };
}

/** A share as people read it: 3 of 5 → 60 (whole per cent); nobody to count → null, not 0 or 100. */
export function sharePercent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((100 * part) / whole);
}
