/// <reference lib="dom" />
/**
 * The whole SIP in a real Chromium, done by three signed-in people from three organisations:
 * a teacher at Näsby skola, a social worker at Socialtjänsten Kristianstad and a psychologist at
 * BUP Kristianstad (Region Skåne). Each sees only what the consent allows; BUP declines the
 * invitation with a reason; two of them edit the plan at once and the 412 is resolved in the UI.
 * axe-core checks every page of the flow; screenshots land in test-results/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startE2E, type E2E } from './support/browser.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';

const SOCIAL = 'Socialtjänsten barn och familj, Kristianstad';
const stockholm = (ms: number) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, local: `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}` };
};
const dayFromNow = (days: number) => stockholm(Date.now() + days * 86_400_000).day;

/** Every page of the flow: looked at (screenshot) and checked with axe-core. */
async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Planens delar' }).getByRole('link', { name, exact: true }).click();
  await page.waitForLoadState('networkidle');
}

describe('a SIP from initiative to closure in the browser', () => {
  let e: E2E;
  let school: Page, social: Page, bup: Page;
  let planPath: string;
  const childNumber = testIdentityNumber('2014-03-15', '428');

  beforeAll(async () => {
    e = await startE2E();
    school = await e.signIn(/Karin Ek/);
    social = await e.signIn(/Johan Berg/);
    bup = await e.signIn(/Sara Holm/);
  });
  afterAll(() => e?.close());
  // When a step fails, what each person saw is kept for whoever reads the failure.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of [['school', school], ['social', social], ['bup', bup]] as const) await screenshot(page, `FAIL-${ctx.task.name.slice(0, 40)}-${who}`).catch(() => {});
  });

  it('the teacher sees the worklist, and that the school may call a SIP', async () => {
    await school.getByRole('heading', { name: 'Alla verksamheter får kalla till SIP – även skolan' }).waitFor();
    expect(await school.getByRole('heading', { name: /Kallelser att svara på/ }).textContent()).toMatch(/\d/);
    await check(school, '01-att-gora');
  });

  it('starts a SIP: the identity number is checked as it is typed, the child is registered with both guardians', async () => {
    await school.getByRole('main').getByRole('link', { name: 'Starta SIP' }).click();
    const number = school.getByLabel('Personnummer');
    const wrongCheckDigit = childNumber.slice(0, 11) + String((Number(childNumber[11]) + 1) % 10);
    await number.fill(wrongCheckDigit);
    await school.getByText('Kontrollsiffran stämmer inte').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(await school.getByRole('button', { name: 'Hitta barnet' }).isDisabled()).toBe(true);
    await number.fill(childNumber);
    await school.getByRole('button', { name: 'Hitta barnet' }).click();
    await school.getByRole('heading', { name: 'Barnet finns inte registrerat' }).waitFor();
    await check(school, '02-starta-sip-registrera');

    const child = school.getByRole('group', { name: 'Barnet' });
    await child.getByLabel('Förnamn').fill('Ella');
    await child.getByLabel('Efternamn').fill('Berg');
    await school.getByRole('button', { name: 'Lägg till vårdnadshavare' }).click();
    for (const [n, birth, serial, given] of [[1, '1985-02-03', '512', 'Petra'], [2, '1983-09-09', '523', 'Jonas']] as const) {
      const g = school.getByRole('group', { name: `Vårdnadshavare ${n}` });
      await g.getByLabel('Personnummer').fill(testIdentityNumber(birth, serial));
      await g.getByLabel('Förnamn').fill(given);
      await g.getByLabel('Efternamn').fill('Berg');
    }
    await school.getByRole('button', { name: 'Registrera och fortsätt' }).click();
    await school.getByRole('heading', { name: 'SIP för Ella Berg' }).waitFor();
    // The identity number is never shown whole.
    expect(await school.getByRole('main').textContent()).not.toContain(childNumber.slice(8));

    await school.getByLabel('Skäl').fill('Ella har slutat gå till skolan och mår dåligt.');
    await school.getByLabel(SOCIAL).check();
    await school.getByLabel('BUP Kristianstad').check();
    await check(school, '03-starta-sip-deltagare');
    await school.getByRole('button', { name: 'Spara utkast och gå vidare till samtycke' }).click();
    await school.getByRole('heading', { name: 'Samtycke', level: 2, exact: true }).waitFor();
    planPath = new URL(school.url()).pathname.replace(/\/samtycke$/, '');
    expect(await school.getByRole('heading', { level: 1 }).textContent()).toBe('Ella Berg');
    expect(await school.locator('.coverage li.locked').count()).toBe(3);
  });

  it('before consent, BUP cannot see the plan, and a unit outside it cannot even tell that it exists', async () => {
    await bup.goto(`${e.url}${planPath}`);
    await bup.getByRole('heading', { name: 'Du kan inte se den här planen' }).waitFor();
    await check(bup, '04-bup-utan-samtycke');
    const trelleborg = await e.signIn(/Erik Persson/);
    await trelleborg.goto(`${e.url}${planPath}`);
    await trelleborg.getByRole('heading', { name: 'Sidan finns inte' }).waitFor();
    await trelleborg.goto(`${e.url}/`);
    await trelleborg.getByLabel('Barnets namn eller plannummer').fill('Ella');
    await trelleborg.getByRole('button', { name: 'Sök', exact: true }).click();
    await trelleborg.getByText('0 planer hittades.').waitFor();
  });

  it('the teacher records both guardians\' and the child\'s written consent for the three units', async () => {
    await school.getByText('Verksamheterna får bara dela uppgifter som omfattas av sekretess').waitFor();
    await check(school, '05-samtycke');
    // The family wants Ella's grandmother there.
    const relative = school.getByRole('form', { name: 'Lägg till en närstående eller annan' });
    await relative.getByLabel('Namn').fill('Birgitta Berg');
    await relative.getByLabel('Roll').fill('mormor');
    await relative.getByRole('button', { name: 'Lägg till' }).click();
    await school.getByRole('region', { name: 'Vilka deltar' }).getByText('Birgitta Berg (mormor)').waitFor();

    // A refused save says what is wrong once at the top (focused) and again at each field it names.
    await school.getByLabel('Gäller till').fill(dayFromNow(-1));
    await school.getByRole('button', { name: 'Spara samtycket' }).click();
    await school.getByRole('alert').filter({ hasText: 'Det gick inte att spara' }).waitFor();
    expect(await school.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    const until = school.getByLabel('Gäller till');
    expect(await until.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await until.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(await school.locator(`[id="${errorId}"]`).textContent()).toBe('Slutdatum före startdatum.');
    await school.getByRole('group', { name: 'Vem har svarat' }).getByText('Ange vem som har lämnat samtycket.').waitFor();
    await check(school, '05-samtycke-fel');
    await until.fill(dayFromNow(365));

    const givers = school.locator('.giver');
    expect(await givers.count()).toBe(3);
    for (let i = 0; i < 3; i++) await givers.nth(i).getByLabel('samtycker', { exact: true }).check();
    await school.getByLabel('Gäller inte').fill('Journalanteckningar från BUP delas inte med skolan.');
    await school.getByRole('button', { name: 'Spara samtycket' }).click();
    await school.getByText('Skriftligt samtycke · gäller nu').waitFor();
    expect(await school.locator('.coverage li.covered').count()).toBe(3);
    await bup.reload();
    await bup.getByRole('heading', { name: 'Ella Berg', level: 1 }).waitFor();
  });

  it('the teacher writes the invitation with purpose, question, time and place', async () => {
    await tab(school, 'Kallelse och möten');
    await school.getByLabel('Syfte').fill('Samordna stödet kring Ellas skolgång.');
    await school.getByLabel('Frågeställning').fill('Hur kan vi tillsammans hjälpa Ella tillbaka till skolan?');
    await school.getByLabel('Börjar').fill(stockholm(Date.now() + 30 * 60_000).local);
    await school.getByLabel('Plats').fill('Näsby skola, konferensrummet');
    await school.getByLabel('Mötesledare').selectOption({ label: 'Karin Ek (Näsby skola)' });
    await check(school, '06-kallelse');
    await school.getByRole('button', { name: 'Skicka kallelsen' }).click();
    await school.locator('.badge', { hasText: 'Kallad' }).first().waitFor();
    expect(await school.locator('.invitation').count()).toBe(1);
  });

  it('social services accepts from the worklist; BUP declines with a reason', async () => {
    await social.goto(`${e.url}/`);
    await social.getByRole('region', { name: /Kallelser att svara på/ }).getByRole('link', { name: /Ella Berg/ }).click();
    await social.getByRole('heading', { name: `Svara för ${SOCIAL}` }).waitFor();
    await social.getByLabel('Vi kommer', { exact: true }).check();
    await social.getByRole('button', { name: 'Skicka svaret' }).click();
    await social.getByText(`${SOCIAL}: kommer`, { exact: false }).first().waitFor();

    await bup.goto(`${e.url}${planPath}/moten`);
    await bup.getByLabel('Vi kommer inte').check();
    await bup.getByLabel('Skäl till att ni inte deltar').fill('Ella har ingen kontakt med BUP ännu; vi skickar underlag.');
    await check(bup, '07-svara-pa-kallelse');
    await bup.getByRole('button', { name: 'Skicka svaret' }).click();
    await bup.getByText('BUP Kristianstad: kommer inte – Ella har ingen kontakt med BUP ännu').waitFor();
  });

  it('social services maps a need with the child\'s own view; the teacher completes the mapping', async () => {
    await social.goto(`${e.url}${planPath}/kartlaggning`);
    await social.getByRole('button', { name: 'Lägg till behov – Utvecklas' }).click();
    await social.getByLabel('Behovet (professionellt)').fill('Frånvaro 60 % i höst.');
    await social.getByLabel('Barnets syn (egna ord)').fill('Jag klarar inte av matsalen.');
    await social.getByRole('button', { name: 'Spara behovet' }).click();
    await social.getByText('”Jag klarar inte av matsalen.”').waitFor();
    await check(social, '08-kartlaggning');

    await school.goto(`${e.url}${planPath}/kartlaggning`);
    await school.getByRole('button', { name: 'Kartläggningen är klar' }).click();
    await school.locator('.badge', { hasText: 'Kartlagd' }).waitFor();
  });

  it('the teacher records the meeting: who came, and that Ella was there', async () => {
    await tab(school, 'Kallelse och möten');
    await school.getByRole('button', { name: 'Registrera ett hållet möte' }).click();
    await school.getByRole('group', { name: 'Deltog' }).getByLabel('BUP Kristianstad').uncheck();
    await school.getByRole('group', { name: 'Var barnet med?' }).getByLabel('Ja').check();
    await school.getByRole('button', { name: 'Spara mötet' }).click();
    await school.getByText('Barnet var med.').waitFor();
  });

  it('the establish checklist names what is missing under SoL 2 kap 7 §', async () => {
    await tab(school, 'Upprätta');
    await school.getByText('SoL 2 kap. 7 §', { exact: false }).first().waitFor();
    const missing = school.locator('.checklist li.missing');
    const names = await missing.allTextContents();
    expect(names.join('\n')).toMatch(/Vilka insatser som behövs – saknas/);
    expect(names.join('\n')).toMatch(/En samordnare från en deltagande verksamhet – saknas/);
    expect(names.join('\n')).not.toMatch(/Ett hållet SIP-möte/);
    await check(school, '09-upprätta-saknas');
  });

  it('goals in the child\'s words, interventions by school and BUP, a measure by others, and coordination', async () => {
    await tab(school, 'Plan');
    await school.getByRole('button', { name: 'Lägg till mål' }).click();
    await school.getByLabel('Barnets egna ord').fill('Jag vill kunna äta lunch med klassen.');
    await school.getByLabel('Målet (professionellt formulerat)').fill('Ella är i skolan minst 80 % av tiden.');
    await school.getByRole('button', { name: 'Spara målet' }).click();
    await school.getByText('”Jag vill kunna äta lunch med klassen.”').waitFor();

    for (const [page, unit, person, what] of [[school, 'Näsby skola', 'Karin Ek', 'Anpassad lunch i mindre grupp.'], [bup, 'BUP Kristianstad', 'Sara Holm', 'Bedömning av oro och sömn.']] as const) {
      await page.goto(`${e.url}${planPath}/plan`);
      await page.getByRole('button', { name: 'Lägg till insats' }).click();
      const form = page.getByRole('form', { name: 'Lägg till insats' });
      await form.getByLabel('Beskrivning').fill(what);
      await form.getByLabel('Ansvarig verksamhet').selectOption({ label: unit });
      await form.getByLabel('Ansvarig person').locator('option', { hasText: person }).waitFor({ state: 'attached' });
      await form.getByLabel('Ansvarig person').selectOption({ label: person });
      await form.getByLabel('Startar').fill(dayFromNow(0));
      await form.getByLabel('Klar senast').fill(dayFromNow(60));
      await form.getByRole('button', { name: 'Spara insatsen' }).click();
      await page.getByText(what).waitFor();
    }
    await school.reload();
    await school.getByRole('button', { name: 'Lägg till åtgärd av annan' }).click();
    const measure = school.getByRole('form', { name: 'Lägg till åtgärd av annan' });
    await measure.getByLabel('Vem').fill('IFK Kristianstad');
    await measure.getByLabel('Beskrivning').fill('Ella tränar fotboll två kvällar i veckan.');
    await school.getByRole('button', { name: 'Spara åtgärden' }).click();
    await school.locator('li', { hasText: 'Ella tränar fotboll' }).waitFor();

    await social.goto(`${e.url}${planPath}/plan`);
    await social.getByRole('button', { name: 'Ändra samordning och ansvar' }).click();
    await social.getByLabel('Samordnarens verksamhet').selectOption({ label: SOCIAL });
    await social.getByLabel(/^Samordnare( \*)?$/).locator('option', { hasText: 'Johan Berg' }).waitFor({ state: 'attached' });
    await social.getByLabel(/^Samordnare( \*)?$/).selectOption({ label: 'Johan Berg' });
    await social.getByLabel('Övergripande ansvar').selectOption({ label: 'Kristianstads kommun' });
    await social.getByLabel('Nästa uppföljning').fill(dayFromNow(90));
    await social.getByRole('button', { name: 'Spara', exact: true }).click();
    await social.getByRole('button', { name: 'Ändra samordning och ansvar' }).waitFor();
    await check(social, '10-planen');
  });

  it('with everything in place the plan is established', async () => {
    await tab(social, 'Upprätta');
    expect(await social.locator('.checklist li.missing').count()).toBe(0);
    await social.getByRole('button', { name: 'Upprätta planen' }).click();
    await social.getByText('Planen är upprättad.').waitFor();
    await social.locator('.badge', { hasText: 'Upprättad (aktiv)' }).waitFor();
    await check(social, '11-upprättad');
  });

  it('two agencies edit at once: the later save is refused, shows what changed, and is re-applied', async () => {
    const theirs = dayFromNow(60);
    const mine = dayFromNow(45);
    await school.goto(`${e.url}${planPath}/plan`);
    await social.goto(`${e.url}${planPath}/plan`);
    await school.getByRole('button', { name: 'Ändra samordning och ansvar' }).click();
    await school.getByLabel('Nästa uppföljning').fill(mine);
    await social.getByRole('button', { name: 'Ändra samordning och ansvar' }).click();
    await social.getByLabel('Nästa uppföljning').fill(theirs);
    await social.getByLabel('Övergripande ansvar').selectOption({ label: 'Region Skåne' });
    await social.getByRole('button', { name: 'Spara', exact: true }).click();
    await social.getByRole('button', { name: 'Ändra samordning och ansvar' }).waitFor();

    await school.getByRole('button', { name: 'Spara', exact: true }).click();
    const notice = school.getByRole('alert').filter({ hasText: 'Någon annan sparade samtidigt' });
    await notice.waitFor();
    const row = notice.getByRole('row', { name: /Nästa uppföljning/ });
    const [before, now, my] = await row.getByRole('cell').allTextContents();
    expect(before).not.toBe(now);
    expect(now).toContain(String(Number(theirs.slice(8))));
    expect(my).toContain(String(Number(mine.slice(8))));
    // Nothing was overwritten: the database holds the other agency's date.
    const stored = async () => (await e.t.ctx.db.query<{ d: string }>(`SELECT next_follow_up_on::text AS d FROM plans WHERE plan_number = $1`, [await planNumber(school)]))[0]!.d;
    expect(await stored()).toBe(theirs);
    await check(school, '12-konflikt');
    // The other person's change of a field the teacher did not touch is shown as theirs alone…
    const [, theirPrincipal, myPrincipal] = await notice.getByRole('row', { name: /Övergripande ansvar/ }).getByRole('cell').allTextContents();
    expect([theirPrincipal, myPrincipal]).toEqual(['Region Skåne', '–']);
    await notice.getByRole('button', { name: 'Spara min ändring ovanpå' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await stored()).toBe(mine);
    // …and re-applying the teacher's edit does not undo it.
    const principal = await e.t.ctx.db.query<{ name: string }>(`SELECT pr.name FROM plans p JOIN principals pr ON pr.county = p.county AND pr.id = p.overall_principal_id WHERE p.plan_number = $1`, [await planNumber(school)]);
    expect(principal[0]!.name).toBe('Region Skåne');
  });

  it('BUP follows up its intervention; the coordinator holds the follow-up and a new version is made', async () => {
    await bup.goto(`${e.url}${planPath}/plan`);
    const card = bup.locator('.intervention', { hasText: 'Bedömning av oro och sömn.' });
    await card.getByRole('button', { name: 'Följ upp insatsen' }).click();
    await card.getByLabel('Status').selectOption({ label: 'Pågår' });
    await card.getByLabel('Anteckning').fill('Första samtalet hållet; sömndagbok påbörjad.');
    await card.getByRole('button', { name: 'Spara uppföljningen' }).click();
    await card.getByText('Pågår').first().waitFor();
    // BUP moves its own due date (edited against the intervention's own version).
    await card.getByRole('button', { name: 'Ändra insatsen' }).click();
    await card.getByLabel('Klar senast').fill(dayFromNow(75));
    await card.getByRole('button', { name: 'Spara', exact: true }).click();
    await card.getByRole('button', { name: 'Ändra insatsen' }).waitFor();
    const due = await e.t.ctx.db.query<{ d: string }>(`SELECT due_on::text AS d FROM interventions WHERE description = 'Bedömning av oro och sömn.'`);
    expect(due[0]!.d).toBe(dayFromNow(75));

    await social.goto(`${e.url}${planPath}/uppfoljning`);
    await social.getByRole('button', { name: 'Registrera uppföljning' }).click();
    await social.getByLabel('Anteckning').fill('Närvaron har ökat till 70 %.');
    await social.getByRole('button', { name: 'Spara uppföljningen' }).click();
    await social.getByText('blev version 2').waitFor();
    await check(social, '13-uppföljning');
  });

  it('the versions page shows in words what changed between version 1 and 2', async () => {
    await tab(social, 'Versioner');
    const diff = social.locator('.diff');
    await diff.waitFor();
    const text = await diff.textContent();
    expect(text).toContain('Ändrat:');
    expect(text).toMatch(/Bedömning av oro och sömn\..*status: Planerad → Pågår/);
    await check(social, '14-versioner');
  });

  it('the coordinator evaluates the goal and closes the plan with a reason', async () => {
    await tab(social, 'Uppföljning och avslut');
    await social.getByRole('button', { name: 'Utvärdera målen' }).click();
    await social.getByLabel('Uppnått', { exact: true }).check();
    await social.getByLabel('Slutlig utvärdering').check();
    await social.getByRole('button', { name: 'Spara utvärderingen' }).click();
    await social.locator('.badge', { hasText: 'Utvärderad' }).waitFor();
    await social.getByLabel('Skäl till avslut').selectOption({ label: 'Målen är uppnådda' });
    await social.getByRole('button', { name: 'Avsluta planen' }).click();
    await social.locator('.badge', { hasText: 'Avslutad' }).waitFor();
    await check(social, '15-avslutad');
  });

  it('the timeline tells who did what, when, for which unit', async () => {
    await tab(school, 'Tidslinje');
    await school.reload();
    const entries = school.locator('.timeline li');
    await entries.first().waitFor();
    const text = (await entries.allTextContents()).join('\n');
    for (const who of ['Karin Ek, Näsby skola', `Johan Berg, ${SOCIAL}`, 'Sara Holm, BUP Kristianstad']) expect(text).toContain(who);
    for (const what of ['Initiativ till SIP', 'Samtycke registrerat', 'Kallelse skickad', 'Planen upprättad', 'Planen avslutad']) expect(text).toContain(what);
    expect(await entries.count()).toBeGreaterThanOrEqual(15);
    await check(school, '16-tidslinje');
  });

  it('the plan is a PDF for the family, from the plan page', async () => {
    const href = await school.getByRole('link', { name: 'Planen som PDF för familjen' }).getAttribute('href');
    const res = await school.request.get(`${e.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

async function planNumber(page: Page): Promise<string> {
  const meta = await page.locator('.plan-meta').first().textContent();
  return /SIP-\d{4}-\d{6}/.exec(meta ?? '')![0];
}
