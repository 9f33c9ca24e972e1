/// <reference lib="dom" />
/**
 * The young person's own view in a real Chromium (issue 5, "How it is checked"): Maja Johansson, 9,
 * signs in with BankID and sees no plan, not even her own by its address: she is below the county's
 * age (13 by default). Her big sister Ebba, 14, whose coordinator Erik Persson has opened her plan
 * to her, sees her own plan and not her sister's or another child's, writes her goals in her own
 * words and sees who has read; when the county's age is above hers she sees nothing. When Erik
 * closes her access on the staff plan page, her very next look finds nothing. axe-core checks every
 * page the young people see at 360 px and at desktop width; screenshots land in test-results/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';
import { setYoungPersonAge } from '../../src/services/counties/set-young-person-age.ts';
import { ageOn } from '../../src/domain/identity-number.ts';
import { swedishDate } from '../../src/services/context.ts';
import { DEMO_CHILDREN } from '../../src/seed/demo-plans.ts';
import { identityNumberOr } from '../support/identity-number-pattern.ts';

const SKANE = '12';

/** axe at phone width (360 px) and at desktop width, with a screenshot of each, and no sideways scrolling on the phone. */
async function check(page: Page, name: string): Promise<void> {
  for (const [width, height, suffix] of [[360, 740, 'mobile'], [1366, 768, 'desktop']] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForLoadState('networkidle');
    await screenshot(page, `young-${name}-${suffix}`);
    const violations = await seriousViolations(page);
    expect(violations, `${name} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The family app's answer to a plan it may not show: the same as for a plan that does not exist. */
async function notFound(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
  await page.getByText('Planen finns inte, eller så får du inte se den.').waitFor();
}

describe('the young person’s own view in the browser', () => {
  let e: E2E;
  const plans: Record<string, string> = {};
  let ebba: Page | undefined;

  beforeAll(async () => {
    e = await startE2E();
    for (const r of await e.t.ctx.db.query<{ id: string; given_name: string }>('SELECT p.id, ch.given_name FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id')) {
      plans[r.given_name] = r.id;
    }
  }, 120_000);
  afterAll(async () => { await e?.close(); });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ebba) await screenshot(ebba, `FAIL-young-${ctx.task.name.slice(0, 40)}`).catch(() => {});
  });

  it('a child below the county’s age signs in and sees no plan, not even her own by its address', async () => {
    const maja = await e.signInCitizen(/Maja Johansson/);
    await maja.getByRole('heading', { level: 1, name: 'Välkommen, Maja Johansson' }).waitFor();
    await maja.getByText('Det finns ingen plan som du kan se just nu.').waitFor();
    expect(await maja.locator('.family-plans li').count()).toBe(0);
    await check(maja, 'below-age-home');
    await maja.goto(`${e.url}/familj/planer/${plans.Maja}`);
    await notFound(maja);
    expect(await maja.locator('main').textContent()).not.toMatch(/Maja|Ebba/);
    await check(maja, 'below-age-not-found');
  }, 120_000);

  it('from the county’s age, with her coordinator’s leave, a young person sees her own plan and nobody else’s', async () => {
    ebba = await e.signInCitizen(/Ebba Johansson/);
    await ebba.getByRole('heading', { level: 1, name: 'Välkommen, Ebba Johansson' }).waitFor();
    const list = ebba.locator('.family-plans li');
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.first().textContent()).toContain('Din plan');
    expect(await ebba.locator('body').textContent()).not.toMatch(/Maja|Elias|Noah|Alva|Liam/);
    await check(ebba, 'home');

    await ebba.getByRole('link', { name: /Din plan/ }).click();
    await ebba.getByRole('heading', { level: 1, name: 'Din plan' }).waitFor();
    const main = await ebba.locator('main').textContent();
    expect(main).toContain('Erik Persson');
    expect(main).toContain('Jag vill orka träffa mina kompisar igen.');
    expect(main).not.toMatch(identityNumberOr('Storgatan', '070-000', 'Maja'));
    // Spoken to as the person the plan is about (barnkonventionen art. 12), not as a parent.
    await ebba.getByRole('heading', { level: 2, name: 'Din röst' }).waitFor();
    await ebba.getByText('Med dina egna ord').first().waitFor();
    await check(ebba, 'plan');

    // Her own words, marked as the child's.
    await ebba.getByLabel('Mina mål').fill('Jag vill sova bättre och orka vara med kompisarna.');
    await ebba.locator('form.family-voice').first().getByRole('button', { name: 'Spara' }).click();
    await ebba.getByText('Sparat. Det syns nu i planen.').waitFor();
    await ebba.getByText(/Skrivet av barnet/).first().waitFor();
    await check(ebba, 'plan-written');

    // The same page in English, as a young person with another first language may choose it.
    await ebba.getByRole('button', { name: 'English' }).click();
    await ebba.getByRole('heading', { level: 1, name: 'Your plan' }).waitFor();
    await ebba.getByRole('heading', { level: 2, name: 'Your voice' }).waitFor();
    await check(ebba, 'plan-english');
    await ebba.getByRole('button', { name: 'Svenska' }).click();
    await ebba.getByRole('heading', { level: 1, name: 'Din plan' }).waitFor();

    await ebba.getByRole('link', { name: 'Visa vem som har läst' }).click();
    await ebba.getByRole('heading', { level: 1, name: 'Vem har läst?' }).waitFor();
    await expect.poll(() => ebba!.locator('.family-log li').count()).toBeGreaterThan(0);
    await check(ebba, 'access-log');

    // Her sister's plan and another child's, by their addresses: not found, as if they did not exist.
    for (const other of [plans.Maja, plans.Elias]) {
      await ebba.goto(`${e.url}/familj/planer/${other}`);
      await notFound(ebba);
      expect(await ebba.locator('main').textContent()).not.toMatch(/Maja|Elias/);
    }
    await check(ebba, 'not-found');
  }, 120_000);

  it('the county’s age decides: above hers she sees nothing, at it she sees her plan again', async () => {
    const page = ebba!;
    const born = DEMO_CHILDREN.ebba.identityNumber.replace(/^(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3');
    const age = ageOn(born, swedishDate(e.t.ctx.clock.now()));
    await setYoungPersonAge(e.t.ctx.db, { county: SKANE, age: age + 1 });
    try {
      await page.goto(`${e.url}/familj/planer/${plans.Ebba}`);
      await notFound(page);
      await page.goto(`${e.url}/`);
      await page.getByText('Det finns ingen plan som du kan se just nu.').waitFor();
      await setYoungPersonAge(e.t.ctx.db, { county: SKANE, age });
      await page.reload();
      await page.getByRole('link', { name: /Din plan/ }).waitFor();
    } finally {
      await setYoungPersonAge(e.t.ctx.db, { county: SKANE, age: 13 });
    }
  }, 120_000);

  it('when the coordinator closes her access on the staff plan page, she no longer sees her plan', async () => {
    const page = ebba!;
    await page.goto(`${e.url}/familj/planer/${plans.Ebba}`);
    await page.getByRole('heading', { level: 1, name: 'Din plan' }).waitFor();

    const erik = await e.signIn(/Erik Persson/);
    await erik.goto(`${e.url}/planer/${plans.Ebba}`);
    const access = erik.getByRole('region', { name: 'Den unges egen åtkomst' });
    await access.getByText('Barnet kan själv logga in och se planen').waitFor();
    await access.getByRole('button', { name: 'Stäng barnets egen åtkomst' }).click();
    await access.getByText('Barnet ser inte planen själv; vårdnadshavarna gör det.').waitFor();
    await screenshot(erik, 'young-staff-closed-access');

    // At once: no cache keeps the plan open to her.
    await page.reload();
    await notFound(page);
    await page.goto(`${e.url}/`);
    await page.getByText('Det finns ingen plan som du kan se just nu.').waitFor();
    expect(await page.locator('.family-plans li').count()).toBe(0);

    // Her mother still sees both daughters' plans.
    const linda = await e.signInCitizen(/Linda Johansson/);
    const lindas = linda.locator('.family-plans li');
    await expect.poll(() => lindas.count()).toBe(2);
    expect((await lindas.allTextContents()).join(' ')).toMatch(/Planen för Ebba[^]*Planen för Maja/);
  }, 120_000);
});
