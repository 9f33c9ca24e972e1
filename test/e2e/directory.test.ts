/// <reference lib="dom" />
/**
 * Vem gör vad and the responsibility guide in a real Chromium (issue 8 items 2 and 3): Johan Berg,
 * a social worker, searches the directory for "utredning" and finds BUP's entry; Eva Andersson,
 * manager of the social services in Kristianstad, rewrites her unit's mandate and sees it on the
 * card; the guide answers "Neuropsykiatrisk utredning" with the region, links to the agreement,
 * and offers to report a disagreement as a deviation. axe-core checks each page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';
import { newId } from '../../src/store/ids.ts';

const SOCIAL = 'Socialtjänsten barn och familj, Kristianstad';
const BUP = 'BUP Kristianstad';

async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('vem gör vad and the responsibility guide, in the browser', () => {
  let e: E2E;
  let johan: Page, eva: Page;

  beforeAll(async () => {
    e = await startE2E();
    const db = e.t.ctx.db;
    // The demo's own texts serve when they are there; otherwise the test writes what it needs.
    const bup = await e.t.unitId(BUP);
    await db.query(`INSERT INTO unit_profiles (county, unit_id, mandate, offers, laws) VALUES ('12', $1, 'Vi gör neuropsykiatriska utredningar och behandlar psykisk ohälsa.', '{Neuropsykiatrisk utredning}', '{HSL}')
                    ON CONFLICT (county, unit_id) DO NOTHING`, [bup]);
    const [entry] = await db.query("SELECT 1 FROM responsibility_entries WHERE need ILIKE 'neuropsykiatrisk utredning%' AND principal_kind = 'region'");
    if (!entry) {
      const documentId = newId();
      await db.query("INSERT INTO governing_documents (county, id, kind, title) VALUES ('12', $1, 'framework_agreement', 'Ramöverenskommelse (test)')", [documentId]);
      await db.query("INSERT INTO governing_document_principals (county, document_id, principal_id) SELECT '12', $1, id FROM principals WHERE name = 'Region Skåne'", [documentId]);
      await db.query("INSERT INTO document_versions (county, document_id, version_no, effective_from, change_summary) VALUES ('12', $1, 1, '2020-01-01', 'Beslutad.')", [documentId]);
      await db.query("INSERT INTO document_sections (county, document_id, version_no, position, anchor, heading, body) VALUES ('12', $1, 1, 1, 'bup', 'Barn- och ungdomspsykiatrin', 'BUP utreder.')", [documentId]);
      await db.query(`INSERT INTO responsibility_entries (county, id, need, principal_kind, unit_kind, responsibility, document_id, anchor)
                      VALUES ('12', $1, 'Neuropsykiatrisk utredning', 'region', 'child_psychiatry', 'BUP utreder vid misstanke om adhd eller autism.', $2, 'bup')`, [newId(), documentId]);
    }
  });
  afterAll(() => e?.close());
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of [['johan', johan], ['eva', eva]] as const) if (page) await screenshot(page, `FAIL-directory-${who}`).catch(() => {});
  });

  it('a social worker searches Vem gör vad for "utredning" and finds BUP\'s entry', async () => {
    johan = await e.signIn(/Johan Berg/);
    await johan.getByRole('navigation', { name: /Huvudmeny|meny/i }).getByRole('link', { name: 'Vem gör vad' }).click();
    await johan.getByRole('heading', { name: 'Vem gör vad', level: 1 }).waitFor();
    await johan.getByRole('searchbox', { name: 'Sök på vad verksamheten gör' }).fill('utredning');
    const card = johan.getByRole('article', { name: BUP });
    await card.getByText(/neuropsykiatrisk utredning/i).first().waitFor();
    // Only units that do assessments are left; the school did not match.
    await expect.poll(async () => johan.getByRole('article', { name: 'Näsby skola' }).count()).toBe(0);
    // A social worker reads the directory but keeps no card.
    expect(await johan.getByRole('button', { name: /Ändra beskrivningen/ }).count()).toBe(0);
    await check(johan, 'directory-01-sok-utredning');
  });

  it('the manager rewrites her unit\'s mandate and the card shows it', async () => {
    eva = await e.signIn(/Eva Andersson/);
    await eva.goto(`${e.url}/vem-gor-vad`);
    await eva.getByRole('heading', { name: 'Vem gör vad', level: 1 }).waitFor();
    const card = eva.getByRole('article', { name: SOCIAL });
    // Hers is the only card she may edit.
    await card.getByRole('button', { name: `Ändra beskrivningen – ${SOCIAL}` }).waitFor();
    expect(await eva.getByRole('button', { name: /Ändra beskrivningen/ }).count()).toBe(1);
    await card.getByRole('button', { name: `Ändra beskrivningen – ${SOCIAL}` }).click();
    const mandate = 'Vi utreder barns behov av skydd och stöd enligt SoL och LVU och ger familjebehandling. Ny text från e2e.';
    await card.getByLabel('Uppdrag').fill(mandate);
    await card.getByRole('checkbox', { name: 'Lagen om vård av unga (LVU)' }).check();
    await check(eva, 'directory-02-andra-uppdrag');
    await card.getByRole('button', { name: 'Spara beskrivningen' }).click();
    await card.getByText('Beskrivningen är sparad.').waitFor();
    await card.getByText(mandate).waitFor();
    const [row] = await e.t.ctx.db.query<{ mandate: string; laws: string[] }>('SELECT mandate, laws FROM unit_profiles WHERE unit_id = $1', [await e.t.unitId(SOCIAL)]);
    expect(row).toMatchObject({ mandate });
    expect(row!.laws).toContain('LVU');
    // Others see it too.
    await johan.getByRole('searchbox', { name: 'Sök på vad verksamheten gör' }).fill('Ny text från e2e');
    await johan.getByRole('article', { name: SOCIAL }).getByText(mandate).waitFor();
  });

  it('the responsibility guide answers "Neuropsykiatrisk utredning" with the region, and offers to report a disagreement', async () => {
    await johan.getByRole('link', { name: /Vem ansvarar för vad/ }).click();
    await johan.getByRole('heading', { name: 'Vem ansvarar för vad?', level: 1 }).waitFor();
    await johan.getByRole('searchbox', { name: 'Sök på behov eller insats' }).fill('Neuropsykiatrisk utredning');
    const row = johan.getByRole('row').filter({ has: johan.getByRole('rowheader', { name: /^Neuropsykiatrisk utredning/ }) });
    await row.first().waitFor();
    await row.first().getByRole('cell', { name: /^Region/ }).waitFor();
    const source = row.first().getByRole('link');
    expect(await source.getAttribute('href')).toMatch(/^\/bibliotek\/[0-9a-f-]{36}(#[a-z0-9-]+)?$/);
    await check(johan, 'directory-03-ansvarsguiden');
    await johan.getByRole('link', { name: 'Anmäl oenighet om ansvar som avvikelse' }).click();
    await johan.getByRole('heading', { name: 'Rapportera en avvikelse i samverkan', level: 1 }).waitFor();
    expect(await johan.getByLabel('Rubrik').inputValue()).toBe('Oenighet om ansvar');
    expect(await johan.getByLabel('Vad hände?').inputValue()).toContain('Neuropsykiatrisk utredning');
  });

  it('writing an intervention in the plan, the guide\'s best match and the chosen unit\'s entry show beside the form', async () => {
    const [elias] = await e.t.ctx.db.query<{ id: string }>("SELECT p.id FROM plans p JOIN persons c ON c.county = p.county AND c.id = p.child_id WHERE c.given_name = 'Elias'");
    await johan.goto(`${e.url}/planer/${elias!.id}`);
    await johan.getByRole('button', { name: 'Lägg till insats' }).click();
    const form = johan.getByRole('form', { name: 'Lägg till insats' });
    await form.getByLabel('Beskrivning').fill('Neuropsykiatrisk utredning av koncentrationssvårigheter');
    const hint = form.getByRole('complementary', { name: 'Ansvar enligt överenskommelsen' });
    await hint.getByText(/^Enligt /).waitFor();
    await hint.getByText(/Region – Barn- och ungdomspsykiatri/).waitFor();
    expect(await hint.getByRole('link', { name: 'Anmäl oenighet om ansvar som avvikelse' }).getAttribute('href')).toContain(`plan=${elias!.id}`);
    await form.getByLabel('Ansvarig verksamhet').selectOption({ label: BUP });
    await form.getByText(`Om ${BUP}: uppdrag och kontakt`).click();
    await form.getByText(/neuropsykiatrisk utredning/i).first().waitFor();
    await check(johan, 'directory-04-insats-med-ansvar');
  });

  it('an admin of the region, which signed the agreement, corrects an entry of the guide', async () => {
    const per = await e.signIn(/Per Olsson/);
    await per.goto(`${e.url}/ansvar`);
    await per.getByRole('searchbox', { name: 'Sök på behov eller insats' }).fill('Neuropsykiatrisk utredning');
    await per.getByRole('button', { name: 'Ändra – Neuropsykiatrisk utredning' }).click();
    const form = per.getByRole('form', { name: 'Ändra Neuropsykiatrisk utredning i ansvarsguiden' });
    const keywords = form.getByLabel('Sökord');
    await keywords.fill(`${await keywords.inputValue()}, tics`);
    await check(per, 'directory-05-andra-ansvar');
    await form.getByRole('button', { name: 'Spara' }).click();
    await per.getByText('Ändringen är sparad.').waitFor();
    const [row] = await e.t.ctx.db.query<{ keywords: string; version: number }>("SELECT keywords, version FROM responsibility_entries WHERE need = 'Neuropsykiatrisk utredning' AND principal_kind = 'region'");
    expect(row!.keywords).toMatch(/tics$/);
    expect(row!.version).toBeGreaterThan(1);
  });
});
