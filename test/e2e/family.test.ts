/// <reference lib="dom" />
/**
 * The family's own view in a real Chromium (issue 5, "How it is checked"): Sofia Karlsson signs in
 * with BankID and sees exactly her own child's plan (not another child's, no address), writes
 * Elias's goals in his words, answers the kallelse, downloads it for her calendar, approves the
 * new version after reading what changed, and narrows the consent so that social services is no
 * longer covered. Johan Berg of social services, in a second browser, is refused at once, and
 * Sofia's "Vem har läst?" shows his reads from before. Both guardians give the consent back, then
 * Sofia withdraws the whole consent: BUP and social services are refused at once, and Johan, the
 * coordinator, finds each change in his inbox (and his outbox). Jenny Hansson, whose daughter has
 * protected identity, never sees an address. axe-core checks every citizen page (and the open
 * forms) at 360 px and at desktop width; screenshots land in test-results/. The young person's
 * pages are in family-young-person.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';
import { DEMO } from '../support/app.ts';
import { loadActor } from '../../src/services/auth/load-actor.ts';
import { addGoal } from '../../src/services/goals/add-goal.ts';
import { followUpPlan } from '../../src/services/plans/follow-up-plan.ts';
import { swedishDate } from '../../src/services/context.ts';
import { identityNumberOr } from '../support/identity-number-pattern.ts';

const SOCIAL = 'Socialtjänsten barn och familj, Kristianstad';
const VIDEO = 'https://mote.example.se/sip/uppfoljning-elias';

/** axe at phone width (360 px) and at desktop width, with a screenshot of each. */
async function check(page: Page, name: string): Promise<void> {
  for (const [width, height, suffix] of [[360, 740, 'mobile'], [1366, 768, 'desktop']] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForLoadState('networkidle');
    await screenshot(page, `family-${name}-${suffix}`);
    const violations = await seriousViolations(page);
    expect(violations, `${name} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }
  // Nothing wider than the phone: no sideways scrolling at 360 px.
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('the family’s own view in the browser', () => {
  let e: E2E;
  let elias: { id: string };

  beforeAll(async () => {
    e = await startE2E();
    const db = e.t.ctx.db;
    elias = (await db.query<{ id: string }>("SELECT p.id FROM plans p JOIN persons ch ON ch.county = p.county AND ch.id = p.child_id WHERE ch.given_name = 'Elias'"))[0]!;
    // The coordinator revises the plan at a follow-up: a new goal, a new version for the family to approve.
    const [johanRow] = await db.query<{ county: string; staff_id: string; unit_id: string }>(
      `SELECT m.county, m.staff_id, m.unit_id FROM memberships m JOIN staff s ON s.county = m.county AND s.id = m.staff_id WHERE s.hsa_id = $1`, [DEMO.socialWorkerKristianstad]);
    const johan = (await loadActor(db, { county: johanRow!.county, staffId: johanRow!.staff_id, unitId: johanRow!.unit_id }, null))!;
    const ctx = e.t.ctx;
    await addGoal(ctx, { actor: johan, planId: elias.id, goal: { professionalWording: 'Elias deltar i en fritidsaktivitet varje vecka.', childWords: 'Jag vill spela fotboll.' } });
    const today = swedishDate(ctx.clock.now());
    const version = (await db.query<{ version: number }>('SELECT version FROM plans WHERE id = $1', [elias.id]))[0]!.version;
    const inTwoMonths = swedishDate(new Date(ctx.clock.now().getTime() + 60 * 86_400_000));
    await followUpPlan(ctx, { actor: johan, planId: elias.id, version, followUp: { heldOn: today, nextFollowUpOn: inTwoMonths, note: null } });
    // The next follow-up meeting, by video, in five days: a later kallelse from the established plan,
    // sent over the API as the staff app sends it (migration 016).
    const starts = new Date(ctx.clock.now().getTime() + 5 * 86_400_000);
    starts.setUTCHours(12, 0, 0, 0);
    const api = await e.t.as(DEMO.socialWorkerKristianstad);
    const etag = String((await api.get(`/api/plans/${elias.id}`)).headers.etag);
    const sent = await api.post(`/api/plans/${elias.id}/invitations`, {
      purpose: 'Följa upp planen tillsammans.', question: 'Hur går det i skolan nu?',
      startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 3_600_000).toISOString(), videoLink: VIDEO, meetingLeaderId: johan.staffId,
      invitees: [{ unitId: await e.t.unitId('BUP Kristianstad') }, { unitId: await e.t.unitId('Näsby skola') }],
    }, { 'if-match': etag });
    expect(sent.statusCode, sent.body).toBe(201);
  }, 120_000);
  afterAll(async () => { await e?.close(); });

  it('a guardian sees, shapes and approves her child’s plan, narrows the consent, and social services is refused at once', async () => {
    // Social services reads the plan first (these reads must show in the family's log later).
    const johan = await e.signIn(/Johan Berg/);
    await johan.goto(`${e.url}/planer/${elias.id}`);
    await johan.getByRole('heading', { level: 1, name: /Elias/ }).waitFor();

    const sofia = await e.signInCitizen(/Sofia Karlsson/);
    await sofia.getByRole('heading', { level: 1, name: 'Välkommen, Sofia Karlsson' }).waitFor();
    const plans = sofia.locator('.family-plans li');
    await expect.poll(() => plans.count()).toBe(1);
    expect(await plans.first().textContent()).toContain('Planen för Elias');
    const body = await sofia.locator('body').textContent();
    for (const other of ['Noah', 'Maja', 'Alva', 'Liam']) expect(body).not.toContain(other);
    await check(sofia, 'home');

    await sofia.getByRole('link', { name: /Planen för Elias/ }).click();
    await sofia.getByRole('heading', { level: 1, name: 'Planen för Elias' }).waitFor();
    const page = await sofia.locator('main').textContent();
    expect(page).toContain('Johan Berg');
    expect(page).not.toMatch(identityNumberOr('Storgatan'));
    await check(sofia, 'plan');

    // The child's voice, in his own words.
    await sofia.getByLabel('Mina mål').fill('Jag vill orka gå till skolan varje dag och spela fotboll.');
    await sofia.locator('form.family-voice').first().getByRole('button', { name: 'Spara' }).click();
    await sofia.getByText('Sparat. Det syns nu i planen.').waitFor();

    // The kallelse: the form for "I cannot come" is checked too, then she answers that she comes,
    // and downloads the calendar file with the video link.
    await sofia.getByRole('button', { name: 'Jag kan inte komma' }).click();
    await sofia.getByLabel('Varför kan du inte komma? Då kan mötet flyttas.').waitFor();
    await check(sofia, 'plan-decline-form');
    await sofia.getByRole('button', { name: 'Jag kommer' }).click();
    await sofia.getByText('Du har svarat att du kommer.').waitFor();
    const href = await sofia.getByRole('link', { name: 'Spara i min kalender (.ics)' }).getAttribute('href');
    const ics = await sofia.evaluate(async (url) => { const r = await fetch(url!); return `${r.headers.get('content-type')}\n${await r.text()}`; }, href);
    expect(ics).toMatch(/^text\/calendar/);
    expect(ics.replace(/\r\n /g, '')).toContain(`URL:${VIDEO}`);

    // Version 2: what changed, then approve.
    const approval = sofia.getByRole('region', { name: 'Godkänn planen (version 2)' });
    await approval.getByText('Jag vill spela fotboll.').waitFor();
    await approval.getByRole('button', { name: 'Jag vill ändra något' }).click();
    await approval.getByLabel('Vad vill du ändra eller fråga om?').waitFor();
    await check(sofia, 'plan-comment-form');
    await approval.getByRole('button', { name: 'Godkänn planen' }).click();
    await approval.getByText(/Du godkände den här versionen/).waitFor();
    await check(sofia, 'plan-answered');

    // The short survey after the first meeting.
    const survey = sofia.getByRole('region', { name: 'Hur var mötet?' });
    await survey.getByRole('group', { name: 'Kände du dig lyssnad på?' }).getByLabel('4').check();
    await survey.getByRole('group', { name: 'Blev det tydligt vem som gör vad?' }).getByLabel('5').check();
    await survey.getByLabel(/Vill du säga något mer/).fill('Bra att Elias fick prata först.');
    await survey.getByRole('button', { name: 'Skicka svaren' }).click();
    await survey.waitFor({ state: 'detached' });
    const [answer] = await e.t.ctx.db.query<{ listened: number; clear_who_does_what: number; comment: string }>('SELECT listened, clear_who_does_what, comment FROM meeting_surveys');
    expect(answer).toEqual({ listened: 4, clear_who_does_what: 5, comment: 'Bra att Elias fick prata först.' });

    // Narrow the consent: social services no longer covered.
    await sofia.getByRole('button', { name: `Ta bort ${SOCIAL} från samtycket` }).click();
    await check(sofia, 'consent-confirm');
    await sofia.getByRole('button', { name: 'Ja, ta bort' }).click();
    await sofia.getByText(`${SOCIAL} får inte längre se planen. Samordnaren har fått besked.`).waitFor();

    // At once, in the other browser: no cache lets Johan read on.
    await johan.reload();
    await johan.getByRole('heading', { level: 1, name: 'Du kan inte se den här planen' }).waitFor();
    await screenshot(johan, 'family-staff-refused');

    // Vem har läst? Johan's reads from before, with unit and principal; and the refusal.
    await sofia.getByRole('link', { name: 'Visa vem som har läst' }).click();
    await sofia.getByRole('heading', { level: 1, name: 'Vem har läst?' }).waitFor();
    const log = sofia.locator('.family-log li');
    await expect.poll(async () => (await log.allTextContents()).some((t) => t.includes(`Johan Berg, ${SOCIAL}`) && t.includes('Läste planen'))).toBe(true);
    expect((await log.allTextContents()).some((t) => t.includes('Johan Berg') && t.includes('fick inte'))).toBe(true);
    await check(sofia, 'access-log');

    // Staff see what the family wrote and answered, read-only.
    const sara = await e.signIn(/Sara Holm/);
    await sara.goto(`${e.url}/planer/${elias.id}`);
    const voice = sara.getByRole('region', { name: 'Familjens egna ord' });
    await voice.getByText(/Jag vill orka gå till skolan varje dag och spela fotboll/).waitFor();
    await screenshot(sara, 'family-staff-sees-voice');
  }, 120_000);

  it('the guardians give consent back, then one withdraws the whole consent: staff in other browsers are refused at once, and the coordinator is told', async () => {
    const [{ plan_number: planNumber }] = await e.t.ctx.db.query<{ plan_number: string }>('SELECT plan_number FROM plans WHERE id = $1', [elias.id]) as [{ plan_number: string }];
    const giveSocial = `Ge samtycke till att ${SOCIAL} ser planen`;
    const sara = await e.signIn(/Sara Holm/);
    await sara.goto(`${e.url}/planer/${elias.id}`);
    await sara.getByRole('heading', { level: 1, name: /Elias/ }).waitFor();

    // Give: social services back in. Under joint custody it applies once both guardians have given
    // theirs (föräldrabalken 6 kap 13 §), so after Sofia's it waits for Daniel.
    const sofia = await e.signInCitizen(/Sofia Karlsson/);
    await sofia.getByRole('link', { name: /Planen för Elias/ }).click();
    await sofia.getByRole('button', { name: giveSocial }).click();
    await check(sofia, 'consent-give-confirm');
    await sofia.getByRole('button', { name: 'Ja, jag samtycker' }).click();
    await sofia.getByText('Ditt samtycke är sparat.').waitFor();
    await sofia.getByText('Du har samtyckt. Väntar på den andra vårdnadshavaren.').waitFor();
    const johan = await e.signIn(/Johan Berg/);
    await johan.goto(`${e.url}/planer/${elias.id}`);
    await johan.getByRole('heading', { level: 1, name: 'Du kan inte se den här planen' }).waitFor();

    const daniel = await e.signInCitizen(/Daniel Karlsson/);
    await daniel.getByRole('link', { name: /Planen för Elias/ }).click();
    await daniel.getByText('Den andra vårdnadshavaren har samtyckt. Ge ditt samtycke också, så gäller det.').waitFor();
    await daniel.getByRole('button', { name: giveSocial }).click();
    await daniel.getByRole('button', { name: 'Ja, jag samtycker' }).click();
    await daniel.getByText('Ditt samtycke är sparat.').waitFor();
    await johan.reload();
    await johan.getByRole('heading', { level: 1, name: /Elias/ }).waitFor();

    // Withdraw the whole consent: every consent of the plan, the digital one just given too.
    await sofia.reload();
    await sofia.getByRole('heading', { level: 1, name: 'Planen för Elias' }).waitFor();
    await sofia.getByRole('button', { name: 'Ta tillbaka hela samtycket' }).click();
    await check(sofia, 'consent-withdraw-all-confirm');
    await sofia.getByRole('button', { name: 'Ja, ta tillbaka allt' }).click();
    await sofia.getByText('Samtycket är taget tillbaka. Samordnaren har fått besked.').waitFor();
    const units = sofia.getByRole('region', { name: 'Vilka får se planen?' }).locator('.family-units li');
    await expect.poll(async () => (await units.allTextContents()).every((t) => t.includes('Får inte se planen'))).toBe(true);
    await check(sofia, 'consent-withdrawn-all');

    // At once, in the other browsers: BUP, whose coverage the family never narrowed, and social services.
    for (const staff of [sara, johan]) {
      await staff.reload();
      await staff.getByRole('heading', { level: 1, name: 'Du kan inte se den här planen' }).waitFor();
    }
    await screenshot(sara, 'family-staff-refused-after-withdrawal');

    // The coordinator's inbox tells him of each change, and the same notices wait in the outbox as e-mail.
    await johan.goto(`${e.url}/inkorg`);
    await johan.getByRole('heading', { level: 1, name: 'Inkorg' }).waitFor();
    for (const title of [`Familjen har återkallat hela samtycket i ${planNumber}`, `Familjen har gett samtycke i ${planNumber}`,
      `Familjen har börjat ge samtycke i ${planNumber}`, `Familjen har begränsat samtycket i ${planNumber}`]) {
      await johan.getByRole('heading', { level: 2, name: title }).waitFor();
    }
    expect(await seriousViolations(johan)).toEqual([]);
    await screenshot(johan, 'family-coordinator-inbox');
    const mails = await e.t.ctx.db.query<{ subject: string }>(
      'SELECT o.subject FROM email_outbox o JOIN staff s ON s.county = o.county AND s.id = o.recipient_id WHERE s.hsa_id = $1', [DEMO.socialWorkerKristianstad]);
    expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([`Familjen har återkallat hela samtycket i ${planNumber}`, `Familjen har begränsat samtycket i ${planNumber}`]));
  }, 120_000);

  it('a guardian of a child with protected identity never sees an address; another child’s plan is not found', async () => {
    const jenny = await e.signInCitizen(/Jenny Hansson/);
    await jenny.getByRole('link', { name: /Planen för Alva/ }).click();
    await jenny.getByRole('heading', { level: 1, name: 'Planen för Alva' }).waitFor();
    await jenny.getByText(/Skyddade personuppgifter/).waitFor();
    expect(await jenny.content()).not.toMatch(/Hemlig adress|070-111/);
    await check(jenny, 'protected');
    await jenny.goto(`${e.url}/familj/planer/${elias.id}`);
    await jenny.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).or(jenny.getByRole('alert')).first().waitFor();
    expect(await jenny.locator('main').textContent()).not.toContain('Elias');
    await check(jenny, 'not-found');
  }, 120_000);
});
