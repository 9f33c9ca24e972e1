/**
 * The rules of the governing documents (src/domain/governing-documents.ts): which version is in
 * force, whom a version asks to read it, when a person is up to date, and what an editor may submit.
 */
import { describe, expect, it } from 'vitest';
import { anchorFrom, boundBy, checkVersion, concerns, covers, readingState, sharePercent, versionInForce, type Audience, type Signatory, type VersionFacts, type VersionInput } from '../../src/domain/governing-documents.ts';

const v = (versionNo: number, effectiveFrom: string, audiences: Audience[]): VersionFacts => ({ versionNo, effectiveFrom, audiences });
const teacher = [{ unitKind: 'school' as const, role: 'staff' as const }];
const psychologist = [{ unitKind: 'child_psychiatry' as const, role: 'staff' as const }];
const everyone: Audience[] = [{ unitKind: null, role: null }];
const schools: Audience[] = [{ unitKind: 'school', role: null }];

describe('the version in force', () => {
  const versions = [v(1, '2020-06-01', everyone), v(2, '2024-01-01', schools), v(3, '2027-01-01', everyone)];
  it('is the newest whose date has come', () => {
    expect(versionInForce(versions, '2019-12-31')).toBeNull();
    expect(versionInForce(versions, '2020-06-01')?.versionNo).toBe(1);
    expect(versionInForce(versions, '2026-11-23')?.versionNo).toBe(2);
    expect(versionInForce(versions, '2027-01-01')?.versionNo).toBe(3);
  });
});

describe('who a version concerns', () => {
  it('matches unit kind and role, null meaning any', () => {
    expect(concerns(everyone, teacher)).toBe(true);
    expect(concerns(schools, teacher)).toBe(true);
    expect(concerns(schools, psychologist)).toBe(false);
    expect(concerns([{ unitKind: null, role: 'manager' }], teacher)).toBe(false);
    expect(concerns([], teacher)).toBe(false);
    expect(concerns(schools, [...psychologist, ...teacher])).toBe(true);
  });
});

describe('being up to date', () => {
  const today = '2026-11-23';
  it('asks nothing of someone no version concerns', () => {
    expect(readingState([v(1, '2020-01-01', schools)], psychologist, [], today)).toEqual({ required: false, acknowledgedVersionNo: null, upToDate: true, versionInForce: 1 });
  });
  it('asks again only when a version that concerns the person comes into force', () => {
    const versions = [v(1, '2020-01-01', everyone), v(2, '2024-01-01', schools)];
    expect(readingState(versions, psychologist, [1], today).upToDate).toBe(true);
    expect(readingState(versions, teacher, [1], today)).toMatchObject({ required: true, upToDate: false, acknowledgedVersionNo: 1, versionInForce: 2 });
    expect(readingState(versions, teacher, [1, 2], today).upToDate).toBe(true);
  });
  it('lets an editorial version (no audience) leave everyone as they were, and a confirmation of it cover earlier demands', () => {
    const versions = [v(1, '2020-01-01', everyone), v(2, '2024-01-01', schools), v(3, '2025-01-01', [])];
    expect(readingState(versions, teacher, [2], today).upToDate).toBe(true);
    // A newcomer confirms the version in force (3), which covers what version 2 asked.
    expect(readingState(versions, teacher, [3], today).upToDate).toBe(true);
    expect(readingState(versions, teacher, [], today)).toMatchObject({ required: true, upToDate: false, versionInForce: 3 });
  });
  it('does not ask for a version before its date', () => {
    const versions = [v(1, '2020-01-01', everyone), v(2, '2027-01-01', everyone)];
    expect(readingState(versions, teacher, [1], today).upToDate).toBe(true);
    expect(readingState(versions, teacher, [1], '2027-01-01').upToDate).toBe(false);
  });
});

describe('what an editor may submit', () => {
  const base: VersionInput = { effectiveFrom: '2026-12-01', changeSummary: 'Ny text.', sections: [{ heading: 'Kallelse till SIP-möte' }], audiences: [] };
  it('makes link names from headings in plain ASCII', () => {
    expect(anchorFrom('Kallelse till SIP-möte')).toBe('kallelse-till-sip-mote');
    expect(anchorFrom('Åtgärder av annan, ärende & övrigt')).toBe('atgarder-av-annan-arende-ovrigt');
    expect(anchorFrom('!!!')).toBe('avsnitt');
    expect(checkVersion(base, '2026-11-23', '2020-01-01').version.sections[0]!.anchor).toBe('kallelse-till-sip-mote');
  });
  it('names each field that is wrong', () => {
    const fields = (input: Partial<typeof base> & Record<string, unknown>, latest: string | null = null) =>
      checkVersion({ ...base, ...input } as never, '2026-11-23', latest).problems.map((p) => `${p.field}:${p.code}`);
    expect(fields({})).toEqual([]);
    expect(fields({ effectiveFrom: '2026-11-22' })).toEqual(['/effectiveFrom:past']);
    expect(fields({ effectiveFrom: '2026-02-30' })).toEqual(['/effectiveFrom:format']);
    expect(fields({}, '2027-01-01')).toEqual(['/effectiveFrom:before_previous']);
    expect(fields({ changeSummary: ' ' })).toEqual(['/changeSummary:required']);
    expect(fields({ sections: [] })).toEqual(['/sections:required']);
    expect(fields({ sections: [{ heading: 'A' }, { heading: 'A' }] })).toEqual(['/sections/1/anchor:duplicate']);
    expect(fields({ sections: [{ heading: 'A', anchor: 'Stora' }, { heading: 'B', level: 4 }, { heading: 'C', processStep: 'fika' }] }))
      .toEqual(['/sections/0/anchor:format', '/sections/1/level:range', '/sections/2/processStep:unknown']);
    expect(fields({ audiences: [{ unitKind: 'bageri' }, { role: 'kung' }] } as never)).toEqual(['/audiences/0/unitKind:unknown', '/audiences/1/role:unknown']);
  });
  it('keeps an audience once', () => {
    expect(checkVersion({ ...base, audiences: [{ unitKind: 'school' }, { unitKind: 'school', role: null }] }, '2026-11-23', null).version.audiences).toEqual([{ unitKind: 'school', role: null }]);
  });
});

describe('whom an agreement binds', () => {
  const region: Signatory = { id: 'region', kind: 'region', municipalityCode: null };
  const trelleborg: Signatory = { id: 'trelleborg', kind: 'municipality', municipalityCode: '1287' };
  const kristianstad: Signatory = { id: 'kristianstad', kind: 'municipality', municipalityCode: '1290' };
  const at = (principalId: string, municipalityCode: string | null) => ({ principalId, municipalityCode });
  it('binds the signing municipality and the region only where the municipality signed', () => {
    const local = [region, trelleborg];
    expect(covers(local, at('trelleborg', '1287'))).toBe(true);
    expect(covers(local, at('region', '1287'))).toBe(true);
    expect(covers(local, at('region', '1290'))).toBe(false);
    expect(covers(local, at('kristianstad', '1290'))).toBe(false);
    // A region unit serving the whole county is bound by what the region signed.
    expect(covers(local, at('region', null))).toBe(true);
  });
  it('binds no one who has not signed, yet a municipality named but unsigned still says where it applies', () => {
    const awaiting = [region, { ...trelleborg, signed: false }];
    expect(covers(awaiting, at('trelleborg', '1287'))).toBe(false);
    expect(covers(awaiting, at('region', '1287'))).toBe(true);
    expect(covers(awaiting, at('region', '1290'))).toBe(false);
  });
  it('binds every unit of a principal when only regions signed', () => {
    expect(covers([region], at('region', '1290'))).toBe(true);
    expect(covers([region, trelleborg, kristianstad], at('region', '1290'))).toBe(true);
  });
  it('keeps the bound assignments', () => {
    const a = [{ ...at('region', '1287'), unitKind: 'child_psychiatry' as const, role: 'staff' as const }, { ...at('region', '1290'), unitKind: 'child_psychiatry' as const, role: 'staff' as const }];
    expect(boundBy([region, trelleborg], a)).toEqual([a[0]]);
  });
});

describe('shares', () => {
  it('are whole per cent, and nothing to count is not 0 %', () => {
    expect(sharePercent(3, 5)).toBe(60);
    expect(sharePercent(2, 3)).toBe(67);
    expect(sharePercent(0, 0)).toBeNull();
  });
});
