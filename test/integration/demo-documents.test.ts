/**
 * The demo's governing documents, unit directory and responsibility guide (issue 8), as a user
 * would find them: the SIP routine in force covers every step of the process, every unit says what
 * it does, every entry of the guide leads to a paragraph that exists, Swedish search finds
 * inflected words, and Karin Ek still has the routine to read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { systemClock } from '../../src/services/context.ts';

const STEPS = ['initiative', 'consent', 'invitation', 'mapping', 'meeting', 'activity_follow_up', 'evaluation', 'follow_up', 'closure'];

describe('the demo governing documents', () => {
  let t: TestDatabase;
  const q = <R,>(sql: string, params: unknown[] = []) => t.db.query<R>(sql, params);
  /** The version in force of each document: the latest whose date has come. */
  const IN_FORCE = `SELECT DISTINCT ON (document_id) county, document_id, version_no FROM document_versions
                    WHERE effective_from <= current_date ORDER BY document_id, version_no DESC`;

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo({ db: t.db, clock: systemClock });
  }, 120_000);
  afterAll(() => t.drop());

  it('has the SIP routine in force, version 2, with a section for each of the nine process steps, the initiative first', async () => {
    const [routine] = await q<{ id: string; version_no: number }>(
      `SELECT d.id, f.version_no FROM governing_documents d JOIN (${IN_FORCE}) f ON f.county = d.county AND f.document_id = d.id
       WHERE d.kind = 'routine' AND d.title = 'Rutin och vägledning för arbete med SIP'`);
    expect(routine!.version_no).toBe(2);
    const sections = await q<{ anchor: string; process_step: string | null; body: string }>(
      'SELECT anchor, process_step, body FROM document_sections WHERE document_id = $1 AND version_no = 2 ORDER BY position', [routine!.id]);
    expect(new Set(sections.map((s) => s.process_step).filter(Boolean))).toEqual(new Set(STEPS));
    const initiative = sections.filter((s) => s.process_step === 'initiative').map((s) => s.anchor);
    expect(initiative[0]).toBe('initiering');
    expect(initiative).toContain('skolans-ratt-att-kalla');
    expect(sections.map((s) => s.anchor)).toEqual(expect.arrayContaining(['kallelse', 'kartlaggning', 'samordnare', 'sammankallande', 'narmaste-chef', 'styrgrupp', 'inte-ett-journalsystem', 'att-tacka-nej']));
    const kallelse = sections.find((s) => s.anchor === 'kallelse')!.body;
    for (const word of ['syftet', 'frågeställning', 'mötesledare', 'antecknare', 'länk']) expect(kallelse).toContain(word);
    const [v1] = await q<{ n: number; until: string }>(
      `SELECT count(s.*)::int AS n, v.effective_until::text AS until FROM document_versions v
       JOIN document_sections s ON s.county = v.county AND s.document_id = v.document_id AND s.version_no = v.version_no
       WHERE v.document_id = $1 AND v.version_no = 1 GROUP BY v.effective_until`, [routine!.id]);
    expect(v1!.n).toBeGreaterThan(5);
    expect(v1!.until).toBe('2023-12-31');
  });

  it('has five documents, each signed by Region Skåne and at least one municipality and asking someone to read it', async () => {
    const docs = await q<{ title: string; kind: string; region: number; municipalities: number; audiences: number; agreement: string | null }>(
      `SELECT d.title, d.kind, la.name AS agreement,
              count(DISTINCT p.id) FILTER (WHERE p.kind = 'region')::int AS region,
              count(DISTINCT p.id) FILTER (WHERE p.kind = 'municipality')::int AS municipalities,
              (SELECT count(*)::int FROM document_version_audiences a WHERE a.county = d.county AND a.document_id = d.id) AS audiences
       FROM governing_documents d
       JOIN governing_document_principals gp ON gp.county = d.county AND gp.document_id = d.id
       JOIN principals p ON p.county = gp.county AND p.id = gp.principal_id
       LEFT JOIN local_agreements la ON la.county = d.county AND la.id = d.local_agreement_id
       GROUP BY d.county, d.id, d.title, d.kind, la.name ORDER BY d.title`);
    expect(docs.map((d) => d.kind).sort()).toEqual(['framework_agreement', 'guideline', 'local_agreement', 'local_agreement', 'routine']);
    for (const d of docs) {
      expect(d.region, d.title).toBe(1);
      expect(d.municipalities, d.title).toBeGreaterThanOrEqual(1);
      expect(d.audiences, d.title).toBeGreaterThan(0);
    }
    expect(docs.find((d) => d.title.includes('Lotsmodellen'))!.agreement).toMatch(/Kristianstad$/);
    expect(docs.find((d) => d.title.includes('Trelleborg'))!.agreement).toMatch(/Trelleborg$/);
  });

  it('says in the Lotsmodellen agreement that a lotsmöte does not replace the statutory SIP', async () => {
    const [s] = await q<{ body: string }>(
      `SELECT s.body FROM document_sections s JOIN governing_documents d ON d.county = s.county AND d.id = s.document_id
       WHERE d.title = 'Lokal överenskommelse nordöstra Skåne – Lotsmodellen' AND s.anchor = 'lotsmodellen-ersatter-inte-sip'`);
    expect(s!.body).toContain('ersätter inte den lagstadgade SIP');
  });

  it('gives every active demo unit a profile with a mandate and at least one offer', async () => {
    const units = await q<{ name: string; mandate: string | null; offers: string[] | null; laws: string[] | null }>(
      `SELECT u.name, p.mandate, p.offers, p.laws FROM units u LEFT JOIN unit_profiles p ON p.county = u.county AND p.unit_id = u.id
       WHERE u.county = '12' AND u.active ORDER BY u.name`);
    expect(units).toHaveLength(17);
    for (const u of units) {
      expect(u.mandate?.trim(), u.name).toBeTruthy();
      expect(u.offers?.length, u.name).toBeGreaterThan(0);
    }
    expect(units.find((u) => u.name === 'BUP Kristianstad')!.laws).toEqual(['HSL', 'PSL', 'LPT']);
    expect(units.find((u) => u.name === 'Näsby skola')!.laws).toEqual(['skollagen']);
  });

  it('points every responsibility entry at a paragraph that exists in its document in force', async () => {
    const entries = await q<{ need: string; anchor: string | null; found: boolean }>(
      `SELECT r.need, r.anchor, EXISTS (
         SELECT 1 FROM (${IN_FORCE}) f JOIN document_sections s ON s.county = f.county AND s.document_id = f.document_id AND s.version_no = f.version_no
         WHERE f.county = r.county AND f.document_id = r.document_id AND s.anchor = r.anchor) AS found
       FROM responsibility_entries r`);
    expect(entries.length).toBeGreaterThanOrEqual(15);
    expect(entries.length).toBeLessThanOrEqual(25);
    for (const e of entries) expect(e.found, `${e.need} → #${e.anchor}`).toBe(true);
    // The guide answers in the words staff search with.
    const [npf] = await q<{ principal_kind: string; unit_kind: string }>(
      `SELECT principal_kind, unit_kind FROM responsibility_entries WHERE search @@ websearch_to_tsquery('swedish', 'adhd utredning')`);
    expect(npf).toEqual({ principal_kind: 'region', unit_kind: 'child_psychiatry' });
  });

  it('finds inflected forms in Swedish: "samordnad" finds a section that says "samordnade"', async () => {
    const hits = await q<{ body: string }>(
      `SELECT s.heading, s.body FROM document_sections s WHERE s.search @@ websearch_to_tsquery('swedish', 'samordnad')`);
    expect(hits.some((h) => /\bsamordnade\b/.test(h.body))).toBe(true);
    // And a step's plural finds the singular heading: "kallelser" → "Kallelse".
    const [kallelse] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM document_sections WHERE anchor = 'kallelse' AND search @@ websearch_to_tsquery('swedish', 'kallelser')`);
    expect(kallelse!.n).toBeGreaterThan(0);
  });

  it('leaves Karin Ek with nothing read, and gives the others a mix of the routine\'s two versions', async () => {
    const read = await q<{ name: string; versions: number[] | null }>(
      `SELECT st.name, array_agg(a.version_no ORDER BY a.version_no) FILTER (WHERE a.version_no IS NOT NULL) AS versions
       FROM staff st
       LEFT JOIN (document_acknowledgements a JOIN governing_documents d ON d.county = a.county AND d.id = a.document_id AND d.kind = 'routine')
         ON a.county = st.county AND a.staff_id = st.id
       WHERE st.county = '12' GROUP BY st.name`);
    const of = (name: string) => read.find((r) => r.name === name)!.versions;
    expect(of('Karin Ek')).toBeNull();
    const [karin] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM document_acknowledgements a JOIN staff s ON s.county = a.county AND s.id = a.staff_id WHERE s.hsa_id = 'SE2120001290-K01'`);
    expect(karin!.n).toBe(0);
    expect(of('Lena Svensson')).toContain(2);
    expect(of('Maria Nilsson')).toEqual([1]);
    expect(read.some((r) => r.versions === null && r.name !== 'Karin Ek')).toBe(true);
  });
});
