/// <reference lib="dom" />
/**
 * Knowing each other's mandate in a real Chromium (issue 8; the Skåne audits' recommendations 1
 * and 2): Karin Ek, a teacher at Näsby skola, reads on the start-a-SIP page that the school may call
 * a SIP itself, follows the link to the routine's paragraph and confirms it, then reads the rest of
 * what her assignment asks; Anna Lind, the school's rektor, sees the share of her unit that is up
 * to date go up; Per Olsson, Region Skåne's administrator (a signatory of the routine), publishes a
 * new version that concerns the schools' staff, and Karin is asked to read again. The Swedish search
 * finds "samordnade" for "samordnad". axe-core checks each page; screenshots land in test-results/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';

const ROUTINE = 'Rutin och vägledning för arbete med SIP';
const SCHOOL_RIGHT = 'Skolan och elevhälsan får kalla till SIP';
const SHARE = /(\d+) av (\d+) \((\d+)\s%\)/;

async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** The header's "Utbildning" link and the number of documents its badge says are left to read (0 when none). */
async function toReadBadge(page: Page): Promise<number> {
  const link = page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /^Utbildning/ });
  await link.waitFor();
  await page.waitForLoadState('networkidle');
  const m = /(\d+) dokument att läsa/.exec((await link.textContent()) ?? '');
  return m ? Number(m[1]) : 0;
}

/** "3 av 5 (60 %)" for Näsby skola on the manager's training page. */
async function nasbyShare(page: Page): Promise<{ upToDate: number; members: number; percent: number; text: string }> {
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Näsby skola/, level: 3 }) });
  const text = await card.locator('.share-figure').innerText();
  const m = SHARE.exec(text.replace(/\u00a0/g, ' '));
  expect(m, `share text: ${text}`).not.toBeNull();
  return { upToDate: Number(m![1]), members: Number(m![2]), percent: Number(m![3]), text: await card.innerText() };
}

// Long pages (the routine, its editor) and axe over them take time on a shared machine.
describe('the library, training and the context help, in the browser', { timeout: 90_000 }, () => {
  let e: E2E;
  let karin: Page, anna: Page, per: Page;
  let before: Awaited<ReturnType<typeof nasbyShare>>;
  let annaToRead = 0;
  /** The version Per publishes: one after the latest. */
  let published = 0;
  let routineId = '';

  beforeAll(async () => {
    e = await startE2E();
    routineId = (await e.t.ctx.db.query<{ id: string }>('SELECT id FROM governing_documents WHERE title = $1', [ROUTINE]))[0]!.id;
  });
  afterAll(() => e?.close());
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of [['karin', karin], ['anna', anna], ['per', per]] as const) if (page) await screenshot(page, `FAIL-library-${who}`).catch(() => {});
  });

  it('the rektor sees how many of her school have read what they should, and who has not', async () => {
    anna = await e.signIn(/Anna Lind/);
    await anna.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /^Utbildning/ }).click();
    await anna.getByRole('heading', { name: 'Utbildning', level: 1 }).waitFor();
    await anna.getByRole('heading', { name: 'Mina verksamheter', level: 2 }).waitFor();
    before = await nasbyShare(anna);
    annaToRead = await toReadBadge(anna);
    expect(before.members).toBeGreaterThan(before.upToDate);
    // Karin has read nothing yet: she is named, with what she is missing.
    const missing = anna.getByRole('table').filter({ has: anna.getByRole('rowheader', { name: 'Karin Ek' }) });
    await missing.getByRole('row', { name: /Karin Ek/ }).getByRole('link', { name: ROUTINE }).waitFor();
    await check(anna, 'library-01-utbildning-chef');
  });

  it('a teacher reads on the start page that the school may call a SIP, and goes to the routine\'s paragraph', async () => {
    karin = await e.signIn(/Karin Ek/);
    await expect.poll(() => toReadBadge(karin)).toBeGreaterThan(0);
    await karin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Starta SIP' }).click();
    await karin.getByRole('heading', { name: 'Starta SIP', level: 1 }).waitFor();
    await karin.getByText('Skolan och elevhälsan får själva kalla till SIP.').waitFor();
    await karin.getByText('Så säger rutinen:').first().waitFor();
    await check(karin, 'library-02-starta-sip');
    await karin.getByRole('link', { name: 'Läs vad rutinen säger om skolans rätt att kalla' }).click();
    await karin.waitForURL(`**/bibliotek/${routineId}#skolans-ratt-att-kalla`);
    const paragraph = karin.getByRole('heading', { name: SCHOOL_RIGHT });
    await paragraph.waitFor();
    // The link lands on the paragraph: its heading has the focus and is on screen.
    await expect.poll(() => karin.evaluate(() => document.activeElement?.id)).toBe('skolans-ratt-att-kalla');
    const box = await paragraph.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(768);
    await karin.getByRole('heading', { name: ROUTINE, level: 1 }).waitFor();
    await karin.getByText('Behöver läsas', { exact: true }).first().waitFor();
    await check(karin, 'library-03-rutinen');
  });

  it('she confirms the routine, and then the rest of what her assignment asks, starting with the induction', async () => {
    const confirm = karin.getByRole('button', { name: /^Jag har läst och förstått version \d+$/ });
    const versionNo = Number(/(\d+)$/.exec((await confirm.innerText()).trim())![1]);
    await confirm.click();
    await karin.getByText(`Du har bekräftat att du har läst och förstått version ${versionNo}.`).waitFor();
    const rows = await e.t.ctx.db.query<{ versionNo: number }>(
      `SELECT a.version_no AS "versionNo" FROM document_acknowledgements a JOIN staff s ON s.county = a.county AND s.id = a.staff_id
       WHERE s.name = 'Karin Ek' AND a.document_id = $1`, [routineId]);
    expect(rows.map((r) => r.versionNo)).toEqual([versionNo]);

    await karin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /^Utbildning/ }).click();
    await karin.getByRole('heading', { name: 'Utbildning', level: 1 }).waitFor();
    // New to it all: what to read first comes first.
    await karin.getByRole('heading', { name: 'Börja här', level: 2 }).waitFor();
    await check(karin, 'library-04-utbildning-ny');
    // Whatever is left to read, read it (each opens, is confirmed, and is gone from the list).
    for (let round = 0; round < 12; round++) {
      await karin.goto(`${e.url}/utbildning`);
      await karin.getByRole('heading', { name: 'Utbildning', level: 1 }).waitFor();
      await karin.waitForLoadState('networkidle');
      const next = karin.locator('.read-item h3 a').first();
      if (await next.count() === 0) break;
      await next.click();
      await karin.getByRole('button', { name: /^Jag har läst och förstått version \d+$/ }).click();
      await karin.getByText(/^Du har bekräftat att du har läst och förstått version \d+\.$/).waitFor();
    }
    await karin.goto(`${e.url}/utbildning`);
    await karin.getByText('Du har läst allt som ditt uppdrag kräver.').waitFor();
    expect(await toReadBadge(karin)).toBe(0);
    await check(karin, 'library-05-utbildning-klar');
  });

  it('the rektor sees the share of her school that is up to date go up', async () => {
    await anna.reload();
    await anna.getByRole('heading', { name: 'Mina verksamheter', level: 2 }).waitFor();
    const after = await nasbyShare(anna);
    expect(after.members).toBe(before.members);
    expect(after.upToDate).toBe(before.upToDate + 1);
    expect(after.percent).toBeGreaterThan(before.percent);
    expect(after.text).not.toContain('Karin Ek');
  });

  it('a signatory\'s administrator publishes a new version that concerns the schools\' staff', async () => {
    per = await e.signIn(/Per Olsson/);
    await per.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Bibliotek' }).click();
    await per.getByRole('heading', { name: 'Bibliotek', level: 1 }).waitFor();
    await per.getByRole('heading', { name: 'Rutiner', level: 2 }).waitFor();
    await check(per, 'library-06-bibliotek');
    await per.getByRole('link', { name: ROUTINE }).click();
    await per.getByRole('heading', { name: ROUTINE, level: 1 }).waitFor();
    await per.getByRole('link', { name: 'Publicera ny version' }).click();
    await per.getByRole('heading', { name: `Ny version av ${ROUTINE}`, level: 1 }).waitFor();
    const [row] = await e.t.ctx.db.query<{ latest: number }>('SELECT max(version_no) AS latest FROM document_versions WHERE document_id = $1', [routineId]);
    const latest = row!.latest;
    published = latest + 1;
    const section = per.getByRole('group', { name: new RegExp(`${SCHOOL_RIGHT}$`) });
    const body = section.getByLabel('Text', { exact: true });
    await body.fill(`${await body.inputValue()}\n\nRektor avgör om skolan kallar; elevhälsan hjälper till med kallelsen.`);
    await per.getByLabel('Vad har ändrats?').fill('Rektor avgör om skolan kallar till SIP.');
    await per.getByLabel('Välj slags verksamhet och roller').check();
    await per.getByRole('group', { name: 'Slags verksamhet' }).getByLabel('Skola', { exact: true }).check();
    await per.getByRole('group', { name: 'Roll' }).getByLabel('Medarbetare', { exact: true }).check();
    await per.getByText('Ombeds läsa igen: Skola (medarbetare).').waitFor();
    await check(per, 'library-07-ny-version');
    await per.getByRole('button', { name: `Publicera version ${latest + 1}` }).click();
    await per.getByText(new RegExp(`^Version ${latest + 1} är publicerad och gäller från`)).waitFor();
    await per.getByRole('heading', { name: ROUTINE, level: 1 }).waitFor();
    await per.getByRole('cell', { name: 'Rektor avgör om skolan kallar till SIP.' }).waitFor();
    const audiences = await e.t.ctx.db.query<{ unitKind: string; role: string }>(
      'SELECT unit_kind AS "unitKind", role FROM document_version_audiences WHERE document_id = $1 AND version_no = $2', [routineId, latest + 1]);
    expect(audiences).toEqual([{ unitKind: 'school', role: 'staff' }]);
    await check(per, 'library-08-publicerad');
  });

  it('the teacher is asked to read the routine again, and the rektor is not', async () => {
    await karin.goto(`${e.url}/utbildning`);
    await karin.getByRole('heading', { name: 'Utbildning', level: 1 }).waitFor();
    expect(await toReadBadge(karin)).toBe(1);
    const item = karin.locator('.read-item').filter({ has: karin.getByRole('link', { name: ROUTINE }) });
    await item.getByText('Ny version – läs igen').waitFor();
    await item.getByText('Rektor avgör om skolan kallar till SIP.').waitFor();
    await check(karin, 'library-09-las-igen');
    // The routine shows what is new; the version she read before is still there to read, marked as no longer in force.
    await item.getByRole('link', { name: ROUTINE }).click();
    await karin.getByRole('heading', { name: ROUTINE, level: 1 }).waitFor();
    await karin.getByText(`Det finns en ny version (${published}) som du behöver läsa och bekräfta.`).waitFor();
    await karin.getByRole('link', { name: `Läs version ${published - 1}` }).click();
    await karin.getByText(new RegExp(`^Du läser version ${published - 1}, som gällde .* Den gäller inte längre\\.$`)).waitFor();
    expect(await karin.getByRole('button', { name: /^Jag har läst och förstått/ }).count()).toBe(0);
    await check(karin, 'library-10-aldre-version');
    // The rektor's own reading is untouched by a version for the schools' staff; her school has one fewer up to date.
    await anna.reload();
    await anna.getByRole('heading', { name: 'Mina verksamheter', level: 2 }).waitFor();
    expect((await nasbyShare(anna)).upToDate).toBe(before.upToDate);
    expect(await toReadBadge(anna)).toBe(annaToRead);
  });

  it('the Swedish search finds the inflected form, and a hit leads to its paragraph', async () => {
    await karin.goto(`${e.url}/bibliotek`);
    await karin.getByRole('heading', { name: 'Bibliotek', level: 1 }).waitFor();
    await karin.getByLabel('Sökord').fill('samordnad');
    await karin.getByRole('button', { name: 'Sök', exact: true }).click();
    await karin.getByText(/träff(ar)? på ”samordnad”/).waitFor();
    const marks = (await karin.locator('.hits mark').allInnerTexts()).map((m) => m.toLowerCase());
    expect(marks).toContain('samordnade');
    await check(karin, 'library-11-sok');
    const hit = karin.locator('.hits .hit-link').first();
    const href = await hit.getAttribute('href');
    expect(href).toMatch(/^\/bibliotek\/[0-9a-f-]{36}#[a-z0-9-]+$/);
    await hit.click();
    await karin.waitForURL(`**${href}`);
    await expect.poll(() => karin.evaluate(() => document.activeElement?.id)).toBe(href!.split('#')[1]);
  });

  it('each step of a plan names the routine\'s paragraph that governs it', async () => {
    const [elias] = await e.t.ctx.db.query<{ id: string }>(
      `SELECT p.id FROM plans p JOIN persons c ON c.county = p.county AND c.id = p.child_id WHERE c.given_name = 'Elias'`);
    await karin.goto(`${e.url}/planer/${elias!.id}/moten`);
    const help = karin.locator('.help-link').filter({ hasText: 'Så säger rutinen:' }).first();
    await help.getByRole('link', { name: 'Kallelse' }).waitFor();
    expect(await help.getByRole('link', { name: 'Kallelse' }).getAttribute('href')).toBe(`/bibliotek/${routineId}#kallelse`);
    // The paragraph itself is one tap away, without leaving the plan.
    await help.getByText('Visa vad rutinen säger').click();
    await help.getByText(/Kallelsen är skriftlig/).waitFor();
    await check(karin, 'library-12-hjalp-i-planen');
    await karin.goto(`${e.url}/planer/${elias!.id}/samtycke`);
    expect(await karin.locator('.help-link').getByRole('link', { name: 'Samtycke' }).getAttribute('href')).toBe(`/bibliotek/${routineId}#samtycke`);
  });
});
