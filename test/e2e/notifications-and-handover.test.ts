/// <reference lib="dom" />
/**
 * The inbox, the email choices and the hand-over queue in a real Chromium (issue 6). The deadline
 * sweep runs on the test app, as the server's loop would, and tells Johan Berg, Elias's
 * coordinator, that the follow-up is due: he sees it counted in the header, follows it to the
 * plan's follow-up section, and it is read. In English the page speaks English and marks the
 * server's Swedish notice text as Swedish. He takes follow-ups out of his email and the choice is
 * kept; two windows saving at once meet the 412 and keep both choices. His manager Eva Andersson records that he has left the unit, finds his plan in her
 * hand-over queue, names a new coordinator, and the plan shows her. axe-core checks each page;
 * screenshots land in test-results/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';
import { DEMO } from '../support/app.ts';
import { runSweep } from '../../src/services/notifications/run-sweep.ts';
import { newId } from '../../src/store/ids.ts';

const SOCIAL = 'Socialtjänsten barn och familj, Kristianstad';

async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** A day as the web app writes it in Swedish: "tisdag 12 mars 2026". */
const swedishDay = (day: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T12:00:00Z`));

/** The header's link to the inbox, named with the unread count as a screen reader hears it. */
const inboxLink = (page: Page, unread: number): Locator =>
  page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: unread ? `Inkorg ${unread} ${unread === 1 ? 'oläst' : 'olästa'}` : 'Inkorg', exact: true });

describe('the inbox, email choices and the hand-over queue in the browser', () => {
  let e: E2E;
  let johan: Page, eva: Page;
  let elias: { id: string; planNumber: string; followUpOn: string };
  let johanId: string;
  const unreadOf = async (staffId: string) =>
    (await e.t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL', [staffId]))[0]!.n;

  beforeAll(async () => {
    e = await startE2E();
    const db = e.t.ctx.db;
    elias = (await db.query<{ id: string; planNumber: string; followUpOn: string }>(
      `SELECT p.id, p.plan_number AS "planNumber", p.next_follow_up_on::text AS "followUpOn" FROM plans p
       JOIN persons c ON c.county = p.county AND c.id = p.child_id WHERE c.given_name = 'Elias'`))[0]!;
    johanId = await e.t.staffId(DEMO.socialWorkerKristianstad);
    // A new social worker in Johan's unit (as the HSA directory would add her), to take over from him.
    const amiraId = newId();
    await db.query(`INSERT INTO staff (county, id, hsa_id, name, email) VALUES ('12', $1, 'SE2120001290-S03', 'Amira Khalil', 'amira.khalil@example.se')`, [amiraId]);
    await db.query(`INSERT INTO memberships (county, id, staff_id, unit_id, role) VALUES ('12', $1, $2, $3, 'staff')`, [newId(), amiraId, await e.t.unitId(SOCIAL)]);
    // Today the demo's Elias is to be followed up within the fortnight; three days on, the units
    // invited to Noah's meeting have not answered, and Johan, who sent the kallelse, hears of each
    // (as in test/http/notification-sweep.test.ts). More than one notice, so that "mark all" has work.
    e.t.clock.offsetMs = 0;
    expect((await runSweep(e.t.ctx)).created).toBeGreaterThan(0);
    e.t.clock.offsetMs = 3 * 86_400_000;
    expect((await runSweep(e.t.ctx)).created).toBeGreaterThan(0);
    e.t.clock.offsetMs = 0;
  });
  afterAll(() => e?.close());
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of [['johan', johan], ['eva', eva]] as const) if (page) await screenshot(page, `FAIL-notices-${ctx.task.name.slice(0, 40)}-${who}`).catch(() => {});
  });

  it('the coordinator sees the due follow-up in the inbox, counted in the header', async () => {
    const unread = await unreadOf(johanId);
    expect(unread).toBeGreaterThan(0);
    johan = await e.signIn(/Johan Berg/);
    await inboxLink(johan, unread).waitFor();
    // The hand-over queue is the manager's: not in a social worker's menu.
    expect(await johan.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Överlämning' }).count()).toBe(0);
    await inboxLink(johan, unread).click();
    await johan.getByRole('heading', { name: 'Inkorg', level: 1 }).waitFor();
    await johan.getByText(unread === 1 ? 'Du har 1 oläst avisering.' : `Du har ${unread} olästa aviseringar.`).waitFor();

    const notice = johan.getByRole('listitem').filter({ has: johan.getByRole('heading', { name: `Uppföljning av ${elias.planNumber} senast ${elias.followUpOn}` }) });
    await notice.waitFor();
    // What, for which plan, by when, what to do: in words, and unread said in words too.
    const text = await notice.innerText();
    for (const part of ['Oläst', 'Uppföljning av planen', 'Påminnelse', elias.planNumber, swedishDay(elias.followUpOn), 'Kalla deltagarna och familjen till uppföljningsmöte']) {
      expect(text).toContain(part);
    }
    await check(johan, 'notices-01-inkorg');
  });

  it('following the notice leads to the follow-up section of the plan, and the notice is read', async () => {
    const before = await unreadOf(johanId);
    const notice = johan.getByRole('listitem').filter({ has: johan.getByRole('heading', { name: `Uppföljning av ${elias.planNumber} senast ${elias.followUpOn}` }) });
    await notice.getByRole('link', { name: /^Öppna uppföljningen/ }).click();
    await johan.waitForURL(`**/planer/${elias.id}/uppfoljning`);
    const tab = johan.getByRole('navigation', { name: 'Planens delar' }).getByRole('link', { name: 'Uppföljning och avslut', exact: true });
    expect(await tab.getAttribute('aria-current')).toBe('page');
    await inboxLink(johan, before - 1).waitFor();
    const [row] = await e.t.ctx.db.query<{ read: boolean }>(
      "SELECT read_at IS NOT NULL AS read FROM notifications WHERE recipient_id = $1 AND plan_id = $2 AND kind = 'follow_up'", [johanId, elias.id]);
    expect(row!.read).toBe(true);

    await inboxLink(johan, before - 1).click();
    const read = johan.getByRole('listitem').filter({ has: johan.getByRole('heading', { name: `Uppföljning av ${elias.planNumber} senast ${elias.followUpOn}` }) });
    await read.getByText('Läst', { exact: true }).waitFor();
    expect(await read.getByText('Oläst', { exact: true }).count()).toBe(0);
  });

  it('"mark all read" empties the count', async () => {
    await johan.getByRole('button', { name: 'Markera alla som lästa' }).click();
    await johan.getByText('Du har inga olästa aviseringar.').waitFor();
    await inboxLink(johan, 0).waitFor();
    expect(await unreadOf(johanId)).toBe(0);
    // The notices stay in the inbox, read.
    expect(await johan.getByRole('list', { name: 'Aviseringar' }).getByText('Oläst', { exact: true }).count()).toBe(0);
    expect(await johan.getByRole('list', { name: 'Aviseringar' }).getByRole('listitem').count()).toBeGreaterThan(0);
  });

  it('in English the page speaks English, and the notice written in Swedish is marked as Swedish', async () => {
    await johan.getByRole('button', { name: 'English' }).click();
    await johan.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const notice = johan.getByRole('listitem').filter({ has: johan.getByRole('heading', { name: `Uppföljning av ${elias.planNumber} senast ${elias.followUpOn}` }) });
    expect(await notice.innerText()).toContain('Follow-up of the plan');
    expect(await notice.getByRole('heading').getAttribute('lang')).toBe('sv');
    await check(johan, 'notices-02-inbox-english');
    await johan.getByRole('button', { name: 'Svenska' }).click();
    await johan.getByRole('heading', { name: 'Inkorg', level: 1 }).waitFor();
  });

  it('an email choice is saved and kept after a reload; the page says the inbox has every notice anyway', async () => {
    await johan.getByRole('link', { name: 'E-postinställningar' }).click();
    await johan.getByRole('heading', { name: 'E-postinställningar', level: 1 }).waitFor();
    await johan.getByText(/Alla aviseringar kommer alltid till din inkorg/).waitFor();
    const followUps = johan.getByLabel('Uppföljning av planen');
    expect(await followUps.isChecked()).toBe(true);
    await followUps.uncheck();
    await johan.getByRole('button', { name: 'Spara mina val' }).click();
    await johan.getByRole('status').filter({ hasText: /Dina val är sparade/ }).waitFor();
    await check(johan, 'notices-03-e-postinstallningar');

    await johan.reload();
    await johan.getByRole('heading', { name: 'E-postinställningar', level: 1 }).waitFor();
    await johan.getByLabel('Ny kallelse till SIP-möte').waitFor();
    expect(await johan.getByLabel('Uppföljning av planen').isChecked()).toBe(false);
    expect(await johan.getByLabel('Ny kallelse till SIP-möte').isChecked()).toBe(true);
    const off = await e.t.ctx.db.query<{ kind: string }>('SELECT kind FROM notification_email_off WHERE staff_id = $1', [johanId]);
    expect(off.map((r) => r.kind)).toEqual(['follow_up']);
  });

  it('two sessions change email choices at once: the later is told, sees both, and keeps both', async () => {
    // The same person in a second window, which read the choices as they are now.
    const other = await e.signIn(/Johan Berg/);
    await other.goto(`${e.url}/installningar/e-post`);
    await other.getByLabel('Inställt SIP-möte').uncheck();
    await other.getByRole('button', { name: 'Spara mina val' }).click();
    await other.getByRole('status').filter({ hasText: /Dina val är sparade/ }).waitFor();

    // The first window still shows the older version: its save is refused (412), nothing overwritten.
    await johan.getByLabel('Ändrad kallelse').uncheck();
    await johan.getByRole('button', { name: 'Spara mina val' }).click();
    const conflict = johan.getByRole('alert').filter({ has: johan.getByRole('heading', { name: 'Någon annan sparade samtidigt' }) });
    await conflict.waitFor();
    const rows = await conflict.getByRole('row').allInnerTexts();
    expect(rows.some((r) => r.includes('Inställt SIP-möte') && r.includes('Bara inkorgen'))).toBe(true);
    expect(rows.some((r) => r.includes('Ändrad kallelse') && r.includes('Bara inkorgen'))).toBe(true);
    await check(johan, 'notices-04-e-post-samtidigt');
    await conflict.getByRole('button', { name: 'Spara min ändring ovanpå' }).click();
    await johan.getByRole('status').filter({ hasText: /Dina val är sparade/ }).waitFor();
    const off = await e.t.ctx.db.query<{ kind: string }>('SELECT kind FROM notification_email_off WHERE staff_id = $1 ORDER BY kind', [johanId]);
    expect(off.map((r) => r.kind)).toEqual(['follow_up', 'invitation_cancelled', 'invitation_changed']);
    expect(await johan.getByLabel('Inställt SIP-möte').isChecked()).toBe(false);
    expect(await johan.getByLabel('Ändrad kallelse').isChecked()).toBe(false);
  });

  it('the manager records that he has left, after a confirmation that says what happens', async () => {
    eva = await e.signIn(/Eva Andersson/);
    await eva.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Överlämning' }).click();
    await eva.getByRole('heading', { name: 'Överlämning', level: 1 }).waitFor();
    await eva.getByText('Inget väntar.', { exact: false }).waitFor();
    await eva.getByLabel('Vem har slutat?').selectOption({ label: 'Johan Berg (medarbetare)' });
    await eva.getByRole('button', { name: 'Registrera att personen har slutat' }).click();
    const confirm = eva.getByRole('region', { name: `Har Johan Berg slutat i ${SOCIAL}?` });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('hamnar i kön ovanför');
    // The confirmation takes the focus, so that a keyboard user is where the decision is.
    expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await check(eva, 'notices-05-overlamning-bekrafta');
    await confirm.getByRole('button', { name: 'Ja, Johan Berg har slutat' }).click();
    await eva.getByRole('status').filter({ hasText: /Nu är det registrerat att Johan Berg har slutat\. \d+ (plan|planer) eller (insats|insatser) väntar/ }).waitFor();
  });

  it('the queue shows why and since when; the manager names a new coordinator and the plan shows her', async () => {
    const item = eva.getByRole('listitem').filter({ has: eva.getByRole('heading', { name: `Plan ${elias.planNumber} behöver en ny samordnare` }) });
    await item.waitFor();
    const text = await item.innerText();
    expect(text).toContain('Johan Berg har slutat i verksamheten.');
    expect(text).toContain('i dag');
    await check(eva, 'notices-06-overlamning-ko');

    const select = item.getByRole('combobox', { name: /^Ny samordnare/ });
    // Who can take over: the unit's active staff and its manager, never the one who left.
    expect(await select.locator('option').allInnerTexts()).toEqual(['Välj …', 'Amira Khalil', 'Eva Andersson']);
    await select.selectOption({ label: 'Amira Khalil' });
    await item.getByRole('button', { name: 'Utse' }).click();
    await eva.getByRole('status').filter({ hasText: `Amira Khalil är nu samordnare för plan ${elias.planNumber}.` }).waitFor();
    await eva.getByRole('heading', { name: `Plan ${elias.planNumber} behöver en ny samordnare` }).waitFor({ state: 'detached' });

    await eva.goto(`${e.url}/planer/${elias.id}/plan`);
    await eva.getByRole('heading', { name: 'Elias', level: 1 }).waitFor();
    await eva.getByText(`Amira Khalil (${SOCIAL})`).waitFor();
    await check(eva, 'notices-07-plan-ny-samordnare');
  });
});
