/**
 * Signing in the way people do, in a real browser, through the bundled identity provider:
 * a staff member with two assignments (SITHS) and a guardian (BankID); signing out ends the
 * sign-in at the identity provider too; an idle session sends the person back with a reason.
 * Everything under the strict Content-Security-Policy, which the browser would report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';
import { IDENTITY_NUMBER } from '../support/identity-number-pattern.ts';

describe('signing in through the identity provider', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); }, 60_000);
  afterAll(() => e2e?.close());

  /** Every message the browser gives about a blocked script, style or connection. */
  const watchCsp = (page: Page) => {
    const blocked: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
    return blocked;
  };

  it('Lena Svensson signs in with SITHS, chooses pupil health, and can switch to the school', async () => {
    const page = await e2e.newPage();
    const blocked = watchCsp(page);
    await page.goto(`${e2e.url}/`);
    await page.getByRole('heading', { name: 'Logga in i Samplan' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-page');
    await page.getByRole('link', { name: 'Logga in', exact: true }).click();
    await page.waitForURL((u) => u.href.startsWith(e2e.idp.issuer));
    // The identity provider's page lists the demo people; no identity number on it.
    expect(await page.content()).not.toMatch(IDENTITY_NUMBER);
    await page.getByRole('button', { name: /Lena Svensson/ }).first().click();

    await page.getByRole('heading', { name: 'Välj uppdrag', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'choose-assignment');
    await page.getByRole('button', { name: /Elevhälsan Kristianstad/ }).click();
    await page.getByRole('heading', { name: 'Att göra', level: 1 }).waitFor();
    const assignment = page.getByRole('combobox', { name: 'Du arbetar för' });
    expect(await assignment.locator('option:checked').textContent()).toMatch(/Elevhälsan Kristianstad/);

    await assignment.selectOption({ label: 'Näsby skola (medarbetare)' });
    await page.getByRole('heading', { name: 'Att göra', level: 1 }).waitFor();
    await expect.poll(() => assignment.locator('option:checked').textContent()).toMatch(/Näsby skola/);
    expect(blocked).toEqual([]);
  });

  it('signing out ends the sign-in at the identity provider too: the next sign-in asks again', async () => {
    const page = await e2e.signIn(/Karin Ek/);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    // The identity provider asks to confirm the sign-out, then sends the browser back to Samplan.
    await page.waitForURL((u) => u.href.startsWith(e2e.idp.issuer));
    await page.getByRole('button', { name: /Logga ut|Ja/ }).first().click();
    await page.getByRole('heading', { name: 'Logga in i Samplan' }).waitFor();
    const cookies = await page.context().cookies(e2e.url);
    expect(cookies.find((c) => c.name === 'samplan_session')).toBeUndefined();
    // Not signed straight back in: the identity provider shows its list again.
    await page.getByRole('link', { name: 'Logga in', exact: true }).click();
    await page.waitForURL((u) => u.href.startsWith(`${e2e.idp.issuer}/interaction/`));
    await page.getByRole('button', { name: /Karin Ek/ }).first().waitFor();
  });

  it('a guardian signs in with BankID and lands on the family page with her name', async () => {
    const page = await e2e.signInCitizen(/Sofia Karlsson/);
    const blocked = watchCsp(page);
    await page.getByText('Du är inloggad med BankID.').waitFor();
    expect(await page.content()).not.toMatch(IDENTITY_NUMBER);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-home');
    // The staff pages are not hers: the worklist API answers 403 to her session.
    const status = await page.evaluate(async () => (await fetch('/api/worklist')).status);
    expect(status).toBe(403);
    expect(blocked).toEqual([]);
  });

  it('after 30 idle minutes the next step sends the person back to sign in, with the reason', async () => {
    const page = await e2e.signIn(/Johan Berg/);
    e2e.t.clock.offsetMs = 31 * 60_000;
    try {
      await page.reload();
      await page.getByRole('heading', { name: 'Logga in i Samplan' }).waitFor();
      await page.getByText(/inte har gjort något på en stund/).waitFor();
    } finally {
      e2e.t.clock.offsetMs = 0;
    }
  });
});
