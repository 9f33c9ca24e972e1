/// <reference lib="dom" />
/**
 * The deviation story of issue 7 in a real Chromium (SIP.md §5): Karin Ek, a teacher, reports a
 * deviation from Elias's plan page, naming the social services and the health centre; their
 * nearest managers, Eva Andersson and Ahmed Hassan (made the health centre's manager here), are
 * told in their inboxes: Eva starts the investigation, Ahmed records a measure and escalates it;
 * Per Olsson of Kristianstad's steering group closes it with a resolution, and Karin sees it
 * closed. axe-core checks each page; screenshots land in test-results/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';
import { DEMO } from '../support/app.ts';

const SOCIAL = 'Socialtjänsten barn och familj, Kristianstad';
const HEALTH = 'Vårdcentralen Näsby';
const TITLE = 'Kallelsen kom dagen före mötet';

async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('a deviation in cooperation, from report to closure, in the browser', () => {
  let e: E2E;
  let karin: Page, eva: Page, ahmed: Page, per: Page;
  let elias: { id: string; planNumber: string };
  let deviationId = '';
  const status = async () => (await e.t.ctx.db.query<{ status: string }>('SELECT status FROM deviations WHERE id = $1', [deviationId]))[0]?.status;

  beforeAll(async () => {
    e = await startE2E();
    elias = (await e.t.ctx.db.query<{ id: string; planNumber: string }>(
      `SELECT p.id, p.plan_number AS "planNumber" FROM plans p JOIN persons c ON c.county = p.county AND c.id = p.child_id WHERE c.given_name = 'Elias'`))[0]!;
    // The health centre gets a manager: Ahmed Hassan leads it (the demo has none there).
    await e.t.ctx.db.query("UPDATE memberships SET role = 'manager' WHERE staff_id = $1 AND unit_id = $2", [await e.t.staffId(DEMO.nursePrimaryCare), await e.t.unitId(HEALTH)]);
  });
  afterAll(() => e?.close());
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of [['karin', karin], ['eva', eva], ['ahmed', ahmed], ['per', per]] as const) if (page) await screenshot(page, `FAIL-deviations-${who}`).catch(() => {});
  });

  it('a teacher reports a deviation from the plan page, naming the units involved', async () => {
    karin = await e.signIn(/Karin Ek/);
    await karin.goto(`${e.url}/planer/${elias.id}`);
    await karin.getByRole('link', { name: 'Rapportera avvikelse' }).click();
    await karin.getByRole('heading', { name: 'Rapportera en avvikelse i samverkan', level: 1 }).waitFor();
    await karin.getByText(`Avvikelsen gäller plan ${elias.planNumber}.`).waitFor();
    // The plan's units are offered first; this deviation concerns two units only.
    const units = karin.getByRole('group', { name: /Verksamheter som berörs/ });
    const ticked = units.getByRole('checkbox', { checked: true });
    while (await ticked.count() > 0) await ticked.first().uncheck();
    const search = karin.getByLabel('Sök verksamhet');
    await search.fill('Socialtjänsten barn');
    await units.getByRole('checkbox', { name: new RegExp(`^${SOCIAL}`) }).check();
    await search.fill('Vårdcentralen');
    await units.getByRole('checkbox', { name: new RegExp(`^${HEALTH}`) }).check();
    await karin.getByLabel('Rubrik').fill(TITLE);
    await karin.getByLabel('Vad hände?').fill('Socialtjänsten och vårdcentralen fick kallelsen dagen före mötet och kunde inte komma.');
    await check(karin, 'deviations-01-rapportera');
    await karin.getByRole('button', { name: 'Skicka avvikelsen' }).click();
    await karin.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    deviationId = /\/avvikelser\/([0-9a-f-]{36})$/.exec(karin.url())![1]!;
    await karin.getByText('Rapporterad', { exact: true }).first().waitFor();
    await karin.getByText(/Du har rapporterat avvikelsen/).waitFor();
    expect(await status()).toBe('reported');
    await check(karin, 'deviations-02-rapporterad');
  });

  it('the first manager finds it in her inbox and starts the investigation', async () => {
    eva = await e.signIn(/Eva Andersson/);
    await eva.goto(`${e.url}/inkorg`);
    const notice = eva.getByRole('listitem').filter({ has: eva.getByRole('heading', { name: `Ny avvikelse i samverkan (${elias.planNumber})` }) });
    await notice.getByRole('link', { name: /^Öppna avvikelsen/ }).click();
    await eva.waitForURL(`**/avvikelser/${deviationId}`);
    await eva.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await eva.getByText('Du hanterar avvikelsen som närmaste chef för en berörd verksamhet.').waitFor();
    await check(eva, 'deviations-03-chef-oppnar');
    await eva.getByLabel('Börja utreda').check();
    await eva.getByRole('button', { name: 'Börja utreda' }).click();
    await eva.getByText('Avvikelsen utreds nu.').waitFor();
    expect(await status()).toBe('investigating');
    // The list of what she handles as a manager shows it.
    await eva.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Avvikelser' }).click();
    await eva.getByRole('heading', { name: /Att hantera som chef/ }).waitFor();
    await eva.getByRole('link', { name: TITLE }).waitFor();
    await check(eva, 'deviations-04-chefens-lista');
  });

  it('the second manager records a measure and escalates it to the steering group', async () => {
    ahmed = await e.signIn(/Ahmed Hassan/);
    await ahmed.goto(`${e.url}/avvikelser/${deviationId}`);
    await ahmed.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await ahmed.getByRole('textbox', { name: 'Åtgärd', exact: true }).fill('Kallelser skickas minst tio dagar före mötet.');
    await ahmed.getByLabel('Ansvarig').selectOption({ label: 'Johan Berg' });
    await ahmed.getByLabel('Klart senast').fill('2099-01-31');
    await ahmed.getByRole('button', { name: 'Lägg till åtgärden' }).click();
    await ahmed.getByText('Åtgärden är tillagd och den ansvariga har fått besked.').waitFor();
    await ahmed.getByRole('cell', { name: 'Johan Berg' }).waitFor();
    await ahmed.getByLabel('Lyft till styrgruppen').check();
    // A reason is required: without it the server names the field and nothing changes.
    await ahmed.getByRole('button', { name: 'Lyft till styrgruppen' }).click();
    await ahmed.getByRole('alert').filter({ hasText: 'Skriv varför avvikelsen lyfts till styrgruppen.' }).waitFor();
    expect(await status()).toBe('investigating');
    await ahmed.getByLabel('Varför lyfts den till styrgruppen?').fill('Samma sak har hänt tre gånger; regionen och kommunen behöver en gemensam rutin.');
    await ahmed.getByRole('button', { name: 'Lyft till styrgruppen' }).click();
    await ahmed.getByText('Avvikelsen är lyft till styrgruppen, som har fått besked.').waitFor();
    await ahmed.getByText(/Styrgruppen för Lokal överenskommelse om samverkan kring barn och unga, Kristianstad/).first().waitFor();
    expect(await status()).toBe('escalated');
    await check(ahmed, 'deviations-05-lyft-till-styrgruppen');
  });

  it('the steering group sees it among the escalated ones and closes it with a resolution', async () => {
    per = await e.signIn(/Per Olsson/);
    await per.goto(`${e.url}/avvikelser`);
    const escalated = per.getByRole('region', { name: /Lyfta till styrgruppen/ });
    await escalated.getByRole('link', { name: TITLE }).waitFor();
    await escalated.getByText('Lyft till styrgruppen', { exact: true }).waitFor();
    await check(per, 'deviations-06-styrgruppens-lista');
    await escalated.getByRole('link', { name: TITLE }).click();
    await per.getByText('Du hanterar avvikelsen som ledamot i styrgruppen.').waitFor();
    await per.getByLabel('Avsluta avvikelsen').check();
    await per.getByLabel('Hur löstes avvikelsen?').fill('Rutinen för kallelser är ändrad i den lokala överenskommelsen.');
    await per.getByRole('button', { name: 'Avsluta avvikelsen' }).click();
    await per.getByText('Avvikelsen är avslutad.').waitFor();
    expect(await status()).toBe('closed');
    await check(per, 'deviations-07-avslutad');
  });

  it('the teacher who reported it sees it closed, with its history', async () => {
    await karin.goto(`${e.url}/avvikelser/${deviationId}`);
    await karin.getByText('Rutinen för kallelser är ändrad i den lokala överenskommelsen.').first().waitFor();
    const history = karin.getByRole('region', { name: 'Historik' });
    const text = await history.innerText();
    for (const part of ['Rapporterad', 'Karin Ek', 'Utreds', 'Eva Andersson', 'Lyft till styrgruppen', 'Ahmed Hassan', 'Avslutad', 'Per Olsson']) expect(text).toContain(part);
    await check(karin, 'deviations-08-rapportoren-ser-avslut');
  });
});
