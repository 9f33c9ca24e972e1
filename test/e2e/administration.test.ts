/// <reference lib="dom" />
/**
 * Administration in a real browser: Per Olsson, Region Skåne's admin, adds a staff member with her
 * first membership and gives her a second one through the page; ending a membership asks first and
 * says that the person's plans go to the manager's hand-over queue. Every state is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';

describe('administration for a principal admin, in the browser', () => {
  let e: E2E;
  let page: Page;
  const membershipsOf = async (hsaId: string) => e.t.ctx.db.query<{ unit: string; role: string; active: boolean }>(
    `SELECT u.name AS unit, m.role, m.active FROM memberships m JOIN staff s ON s.county = m.county AND s.id = m.staff_id
     JOIN units u ON u.county = m.county AND u.id = m.unit_id WHERE s.hsa_id = $1 ORDER BY u.name`, [hsaId]);

  beforeAll(async () => {
    e = await startE2E();
    page = await e.signIn(/Per Olsson/);
  });
  afterAll(() => e?.close());

  it('is in the menu of an admin only', async () => {
    const other = await e.signIn(/Sara Holm/);
    expect(await other.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^Medarbetare/, level: 2 }).waitFor();
    expect(await page.getByRole('article', { name: 'Sara Holm' }).innerText()).toContain('BUP Kristianstad, medarbetare');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds a staff member with her first membership; a wrong HSA-id is pointed out first', async () => {
    await page.getByRole('button', { name: 'Lägg till en medarbetare' }).click();
    const form = page.getByRole('form', { name: 'Ny medarbetare' });
    // The form takes the focus to its first field.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('name');
    await form.getByLabel(/^Namn/).fill('Anna Lind');
    await form.getByLabel('HSA-id').fill('SE232100025-B10');
    await form.getByText(/Ett HSA-id ser ut som SE2321000255-A01/).waitFor();
    await form.getByLabel('HSA-id').fill('SE2321000255-B10');
    await form.getByLabel('Befattning').fill('Psykolog');
    await form.getByLabel('E-post').fill('anna.lind@example.se');
    await form.getByLabel('Verksamhet för det första uppdraget').selectOption({ label: 'BUP Kristianstad' });
    expect(await form.getByLabel(/^Roll/).inputValue()).toBe('staff');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Lägg till medarbetaren' }).click();
    await page.getByRole('status').filter({ hasText: 'Anna Lind är tillagd i BUP Kristianstad och kan nu logga in med sitt HSA-id.' }).waitFor();
    const card = page.getByRole('article', { name: 'Anna Lind' });
    expect(await card.innerText()).toContain('SE2321000255-B10');
    expect(await membershipsOf('SE2321000255-B10')).toEqual([{ unit: 'BUP Kristianstad', role: 'staff', active: true }]);
  });

  it('gives her a second membership, as manager of another unit', async () => {
    const card = page.getByRole('article', { name: 'Anna Lind' });
    await card.getByRole('button', { name: /Ge ett nytt uppdrag/ }).click();
    const form = card.getByRole('form', { name: 'Nytt uppdrag för Anna Lind' });
    await form.getByLabel(/^Verksamhet/).selectOption({ label: 'BUP Malmö' });
    await form.getByLabel(/^Roll/).selectOption({ label: 'chef' });
    await form.getByRole('button', { name: 'Ge uppdraget' }).click();
    await page.getByRole('status').filter({ hasText: 'Anna Lind har fått ett uppdrag i BUP Malmö som chef.' }).waitFor();
    // The list is read again after the save: wait for it rather than for the message.
    await expect.poll(() => card.getByRole('list', { name: 'Uppdrag för Anna Lind' }).innerText()).toContain('BUP Malmö, chef');
    expect(await membershipsOf('SE2321000255-B10')).toEqual([
      { unit: 'BUP Kristianstad', role: 'staff', active: true },
      { unit: 'BUP Malmö', role: 'manager', active: true },
    ]);
    await screenshot(page, 'administration-staff');
  });

  it('ending a membership asks first, and says that her plans go to the manager\'s hand-over queue', async () => {
    const card = page.getByRole('article', { name: 'Anna Lind' });
    await card.getByRole('button', { name: 'Avsluta uppdraget – Anna Lind, BUP Kristianstad' }).click();
    const confirm = page.getByRole('group', { name: 'Avsluta uppdraget för Anna Lind i BUP Kristianstad?' });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('group');
    expect(await confirm.innerText()).toContain('går till chefens överlämningskö');
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Ja, avsluta uppdraget' }).click();
    await page.getByRole('status').filter({ hasText: 'Uppdraget för Anna Lind i BUP Kristianstad är avslutat.' }).waitFor();
    expect(await membershipsOf('SE2321000255-B10')).toEqual([
      { unit: 'BUP Kristianstad', role: 'staff', active: false },
      { unit: 'BUP Malmö', role: 'manager', active: true },
    ]);
    expect(await card.innerText()).toMatch(/BUP Kristianstad, medarbetare – avslutat/);
  });
});
