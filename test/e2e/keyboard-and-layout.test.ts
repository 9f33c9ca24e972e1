/// <reference lib="dom" />
/**
 * Keyboard only (WCAG 2.1.1): sign in, find an invitation in the worklist, open the plan and answer
 * the invitation without a mouse; the skip link leads to the content. English can be chosen. The
 * plan page fits a 1366×768 laptop and a tablet without sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';

/** Presses Tab until the focused element's text (or label) contains `text`; fails if it never does. */
async function tabTo(page: Page, text: string | RegExp, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // The page itself (between the last stop and the first) holds all text: not a stop.
      if (!el || el === document.body || el.tagName === 'MAIN') return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '' : '';
      return `${el.innerText ?? ''} ${el.getAttribute('aria-label') ?? ''} ${label}`;
    });
    if (typeof text === 'string' ? focused.includes(text) : text.test(focused)) return;
  }
  throw new Error(`could not reach "${text}" with the Tab key`);
}

describe('keyboard only, and on a laptop and a tablet', () => {
  let e: E2E;
  let page: Page;

  beforeAll(async () => {
    e = await startE2E();
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });
  afterAll(() => e?.close());

  it('signs in with the keyboard', async () => {
    await page.goto(`${e.url}/`);
    await page.getByRole('heading', { name: 'Logga in i Samplan' }).waitFor();
    await tabTo(page, 'Logga in');
    await page.keyboard.press('Enter');
    // The identity provider's page, keyboard only too.
    await page.waitForURL((u) => u.href.startsWith(`${e.idp.issuer}/interaction/`));
    await tabTo(page, /Karin Ek/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Att göra', level: 1 }).waitFor();
  });

  it('the skip link is the first stop and leads to the content', async () => {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('opens the invitation from the worklist and answers it, keyboard only', async () => {
    await tabTo(page, /Noah Eriksson/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Svara för Näsby skola' }).waitFor();
    await tabTo(page, 'Vi kommer');
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Vi kommer', { exact: true }).isChecked()).toBe(true);
    await tabTo(page, 'Skicka svaret');
    await page.keyboard.press('Enter');
    await page.getByText('Näsby skola: kommer').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('starts a SIP for a new child, keyboard only: register, reason, units, draft saved', async () => {
    await page.goto(`${e.url}/`);
    await page.getByRole('heading', { name: 'Att göra', level: 1 }).waitFor();
    await tabTo(page, 'Starta SIP');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Starta SIP', level: 1 }).waitFor();
    await tabTo(page, 'Personnummer');
    await page.keyboard.type(testIdentityNumber('2013-05-20', '446'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Barnet finns inte registrerat' }).waitFor();
    for (const [label, text] of [['Förnamn', 'Sam'], ['Efternamn', 'Lind']] as const) {
      await tabTo(page, label);
      await page.keyboard.type(text);
    }
    await tabTo(page, 'Registrera och fortsätt');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'SIP för Sam Lind' }).waitFor();
    await tabTo(page, 'Skäl');
    await page.keyboard.type('Sam är ofta borta från skolan.');
    await tabTo(page, 'BUP Kristianstad');
    await page.keyboard.press('Space');
    await tabTo(page, 'Spara utkast och gå vidare till samtycke');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Samtycke', level: 2, exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sam Lind');
    expect(await page.locator('.coverage li').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('BUP Kristianstad')]));
  });

  it('a form opened from the keyboard takes the focus to its first field', async () => {
    await tabTo(page, /^Plan\s*$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Mål', level: 2 }).waitFor();
    await tabTo(page, 'Lägg till mål');
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'Lägg till mål' }).waitFor();
    const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, inForm: !!document.activeElement?.closest('form[aria-labelledby="add-goal"]') }));
    expect(focused).toEqual({ tag: 'SELECT', inForm: true });
  });

  it('moves between the plan\'s sections with the keyboard, and focus is always visible', async () => {
    await tabTo(page, 'Tidslinje');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tidslinje', level: 2 }).waitFor();
    await page.locator('.timeline li').first().waitFor();
  });

  it('English can be chosen, and the choice is kept', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'To do' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Timeline', level: 2 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'english-timeline');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('link', { name: 'Att göra' }).waitFor();
  });

  for (const [name, width, height] of [['laptop', 1366, 768], ['tablet', 768, 1024], ['tablet-landscape', 1024, 768]] as const) {
    it(`the plan page fits a ${name} (${width}×${height}) without sideways scrolling`, async () => {
      await page.setViewportSize({ width, height });
      await page.goto(`${e.url}/`);
      await page.getByRole('region', { name: /Mina planer/ }).getByRole('link', { name: /Elias Karlsson/ }).click();
      await page.getByRole('heading', { name: 'Elias Karlsson', level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // The next step and the sections are on the first screen.
      const next = await page.getByRole('region', { name: 'Nästa steg' }).boundingBox();
      expect(next && next.y + next.height).toBeLessThanOrEqual(height);
      await screenshot(page, `plan-${name}`);
    });
  }
});
