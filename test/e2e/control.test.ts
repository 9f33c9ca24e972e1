/// <reference lib="dom" />
/**
 * Internal control in a real browser (issue 7): Eva Andersson, who sits in the steering group of
 * Kristianstad's local agreement, sets a target, opens the dashboard, compares two municipalities
 * and exports Excel; the downloaded file, read back with exceljs, holds the numbers the page shows.
 * The charts draw under the strict Content-Security-Policy, and every state is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';

describe('the key-figure dashboard, in the browser', () => {
  let e: E2E;
  let page: Page;
  const cspErrors: string[] = [];

  beforeAll(async () => {
    e = await startE2E();
    page = await e.signIn(/Eva Andersson/);
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
  });
  afterAll(() => e?.close());

  it('is in the menu of a steering-group member and of the analyst, not of a teacher', async () => {
    const teacher = await e.signIn(/Karin Ek/);
    expect(await teacher.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppföljning', exact: true }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppföljning', exact: true }).click();
    await page.getByRole('heading', { name: 'Uppföljning och nyckeltal', level: 1 }).waitFor();
    await page.getByRole('table', { name: /Alla nyckeltal \d{4} per kommun/ }).waitFor();
    // Each figure's definition stands beside it.
    await page.getByRole('rowheader', { name: /Möten där barnet var med.*barnkonventionen art\. 12/ }).first().waitFor();
  });

  it('a steering-group member sets the year\'s target and sees it against the actual value', async () => {
    const form = page.getByRole('form', { name: 'Sätt ett målvärde för året' });
    await form.getByLabel('Nyckeltal').selectOption({ label: 'Initierade SIP' });
    await form.getByLabel('Målvärde', { exact: true }).fill('40');
    await form.getByRole('button', { name: 'Spara målvärdet' }).click();
    await page.getByRole('status').filter({ hasText: 'Målvärdet för Initierade SIP är 40.' }).waitFor();
    const targets = page.getByRole('table', { name: /Målvärden och utfall: .*Kristianstad/ });
    const row = targets.getByRole('row', { name: /Initierade SIP/ });
    await row.waitFor();
    expect((await row.getByRole('cell').allInnerTexts()).map((s) => s.trim())).toEqual(['40', '2', '✗ Inte än']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'control-target');
  });

  it('compares two municipalities side by side, in a chart and its table', async () => {
    const compare = page.getByRole('group', { name: 'Kommuner att jämföra' });
    await compare.getByRole('checkbox', { name: 'Malmö kommun' }).uncheck();
    const table = page.getByRole('table', { name: /Alla nyckeltal \d{4} per kommun/ });
    await expect.poll(async () => (await table.getByRole('columnheader').allInnerTexts()).map((s) => s.trim()))
      .toEqual(['Nyckeltal och definition', 'Kristianstads kommun', 'Trelleborgs kommun']);
    // Eva's unit takes part in Kristianstad's plans, not in Trelleborg's: there small counts are hidden.
    const initiated = table.getByRole('row', { name: /^Initierade SIP/ });
    expect((await initiated.getByRole('cell').allInnerTexts()).map((s) => s.trim())).toEqual(['2', '<5']);
    await page.getByRole('form', { name: 'Urval' }).getByLabel('Nyckeltal').selectOption({ label: 'Initierade SIP' });
    expect(await page.getByRole('img', { name: /Stapeldiagram: Initierade SIP/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Linjediagram: Initierade SIP/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'control-compare');
    expect(cspErrors).toEqual([]);
  });

  it('exports Excel holding the same numbers as the page', async () => {
    const table = page.getByRole('table', { name: /Alla nyckeltal \d{4} per kommun/ });
    const shown = new Map<string, string[]>();
    for (const row of await table.locator('tbody tr').all()) {
      const name = (await row.locator('.figure-name').innerText()).trim();
      shown.set(name, (await row.getByRole('cell').allInnerTexts()).map((s) => s.trim()));
    }
    expect(shown.size).toBeGreaterThan(20);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner som Excel' }).click()]);
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const sheet = wb.getWorksheet('Nyckeltal')!;
    const inFile = new Map<string, string>();
    sheet.eachRow((row, i) => {
      if (i === 1) return;
      const v = row.getCell(4).value;
      inFile.set(`${row.getCell(1).value}|${row.getCell(2).value}`, v === null || v === undefined ? '–' : String(v));
    });
    const asInFile = (s: string) => s.replace(/ %$/, '');
    let compared = 0;
    for (const [name, [kristianstad, trelleborg]] of shown) {
      expect(inFile.get(`${name}|Kristianstads kommun`), name).toBe(asInFile(kristianstad!));
      expect(inFile.get(`${name}|Trelleborgs kommun`), name).toBe(asInFile(trelleborg!));
      compared += 2;
    }
    expect(compared).toBe(shown.size * 2);
    // Only the two municipalities compared are in the file.
    expect([...inFile.keys()].some((k) => k.endsWith('|Malmö kommun'))).toBe(false);
  });

  it('shows the whole country county by county, the own county as in its own table', async () => {
    await page.getByRole('button', { name: 'Visa hela landet' }).click();
    const national = page.getByRole('table', { name: /Initierade SIP \d{4} per län/ });
    await national.waitFor();
    // A county with no plans has no facts and no row (the demo's plans are all in Skåne).
    expect(await national.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    const own = page.getByRole('table', { name: /Länets nyckeltal \d{4}/ }).getByRole('row', { name: /^Initierade SIP/ });
    const skane = national.getByRole('row', { name: /^Skåne län/ });
    expect((await skane.getByRole('cell').first().innerText()).trim()).toBe((await own.getByRole('cell').first().innerText()).trim());
    expect(await page.getByRole('img', { name: /Hela landet: Initierade SIP/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the analyst sees the same page with every small count hidden', async () => {
    const nora = await e.signIn(/Nora Ali/);
    await nora.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppföljning', exact: true }).click();
    const table = nora.getByRole('table', { name: /Alla nyckeltal \d{4} per kommun/ });
    const initiated = table.getByRole('row', { name: /^Initierade SIP/ });
    await initiated.waitFor();
    await expect.poll(async () => (await initiated.getByRole('cell').allInnerTexts()).map((s) => s.trim())).toEqual(['<5', '<5', '<5']);
    await nora.getByText(/Du ser bara sammanställningar/).waitFor();
    // Training in the agreements and routines is a figure too (issue 8): per principal, as the API counts it.
    const training = nora.getByRole('region', { name: 'Utbildning i överenskommelser och rutiner' });
    const status = (await (await nora.request.get(`${e.url}/api/training/units`)).json()) as { principals: Array<{ principalName: string; members: number | null; upToDate: number | null; suppressed: boolean }> };
    for (const p of status.principals) {
      const row = training.getByRole('row', { name: new RegExp(`^${p.principalName}`) });
      await row.waitFor();
      const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
      expect(cells[0]).toBe(p.suppressed ? '<5' : p.members ? `${Math.round((100 * p.upToDate!) / p.members)} %` : '–');
    }
    expect(status.principals.length).toBeGreaterThan(1);
    expect(await seriousViolations(nora)).toEqual([]);
    await screenshot(nora, 'control-analyst');
  });
});
