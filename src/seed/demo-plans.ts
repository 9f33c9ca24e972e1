/**
 * Six children with plans in different states, made through the same use cases a user calls,
 * so the demo's audit trail and chronology are real: Elias (established, with an overdue
 * intervention and a follow-up within two weeks), Maja (initiated: a draft), Noah (invited),
 * Alva (mapped; protected identity), Liam (closed after a final evaluation) and Ebba, Maja's big
 * sister (established, and opened by her coordinator to Ebba herself: the demo young person).
 * Identity numbers are test-style numbers with valid check digits, not real people's.
 */
import { luhnCheckDigit } from '../domain/identity-number.ts';
import type { Actor, Context } from '../services/context.ts';
import { loadActor } from '../services/auth/load-actor.ts';
import { registerPerson, type PersonInput } from '../services/persons/register-person.ts';
import { initiatePlan } from '../services/plans/initiate-plan.ts';
import { recordConsent } from '../services/consents/record-consent.ts';
import { sendInvitation } from '../services/invitations/send-invitation.ts';
import { answerInvitation } from '../services/invitations/answer-invitation.ts';
import { addNeed, type LifeArea } from '../services/mapping/add-need.ts';
import { completeMapping } from '../services/mapping/complete-mapping.ts';
import { recordMeeting } from '../services/meetings/record-meeting.ts';
import { addGoal } from '../services/goals/add-goal.ts';
import { addIntervention } from '../services/interventions/add-intervention.ts';
import { addMeasure } from '../services/measures/add-measure.ts';
import { updatePlan } from '../services/plans/update-plan.ts';
import { establishPlan } from '../services/plans/establish-plan.ts';
import { evaluatePlan } from '../services/plans/evaluate-plan.ts';
import { closePlan } from '../services/plans/close-plan.ts';
import { reportActivity } from '../services/interventions/report-activity.ts';
import { setYoungPersonAccess } from '../services/family/set-young-person-access.ts';
import { SKANE, type DemoOrganisation } from './demo-organisation.ts';

/** A 12-digit test-style personnummer with a valid check digit, from birth date and a 3-digit serial. */
export function testIdentityNumber(birthDate: string, serial: string): string {
  const base = birthDate.replaceAll('-', '') + serial;
  return base + luhnCheckDigit(base.slice(2));
}

const person = (givenName: string, familyName: string, birthDate: string, serial: string, extra: Partial<PersonInput> = {}): PersonInput => ({
  identityNumber: testIdentityNumber(birthDate, serial), givenName, familyName, address: 'Storgatan 1', phone: '070-000 00 00', ...extra,
});

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
const day = (d: Date) => d.toISOString().slice(0, 10);
/** A meeting `days` from now at a time people meet: 12.00 UTC, that is 13.00 (or 14.00 in summer) in Sweden. */
const meetingTime = (d: Date, days: number) => new Date(`${day(addDays(d, days))}T12:00:00Z`);

export const DEMO_CHILDREN = {
  elias: person('Elias', 'Karlsson', '2014-03-15', '238'),
  maja: person('Maja', 'Johansson', '2017-05-10', '242'),
  noah: person('Noah', 'Eriksson', '2012-09-01', '253'),
  alva: person('Alva', 'Hansson', '2019-02-20', '264', { protectedIdentity: true, address: 'Hemlig adress 7', phone: '070-111 11 11' }),
  liam: person('Liam', 'Nilsson', '2010-07-07', '279'),
  // Added last, so the five plans before keep their plan numbers.
  ebba: person('Ebba', 'Johansson', '2012-10-03', '351'),
};

/** Maja's and Ebba's mother, the guardian of both. */
const LINDA = person('Linda', 'Johansson', '1988-01-19', '304');

export async function seedDemoPlans(seedCtx: Context, org: DemoOrganisation): Promise<void> {
  const now = seedCtx.clock.now();
  // Each story is told in the order it happened, on its own clock: a plan is initiated weeks before
  // its first meeting and established at it, so that the plan's dates, and the key figures counted
  // from them (days from initiative to first meeting), are what a real plan would show.
  let storyAt = now;
  const ctx: Context = { ...seedCtx, clock: { now: () => storyAt } };
  /** The story's clock: `days` from today, or two hours after a meeting that was held. */
  const at = (days: number) => { storyAt = addDays(now, days); };
  const after = (meeting: Date) => { storyAt = new Date(meeting.getTime() + 2 * 3_600_000); };
  const as = async (hsaId: string, unitKey: string): Promise<Actor> =>
    (await loadActor(ctx.db, { county: SKANE, staffId: org.staff[hsaId]!, unitId: org.units[unitKey]! }, null))!;
  const karin = await as('SE2120001290-K01', 'skola-nasby');
  const johan = await as('SE2120001290-S01', 'soc-kristianstad');
  const sara = await as('SE2321000255-B01', 'bup-kristianstad');
  const fatima = await as('SE2120001287-E01', 'eh-trelleborg');
  const erik = await as('SE2120001287-S01', 'soc-trelleborg');
  const maria = await as('SE2321000255-B02', 'bup-trelleborg');
  const fredrik = await as('SE2120001280-S01', 'soc-malmo');

  const register = async (actor: Actor, child: PersonInput, guardians: PersonInput[]) => registerPerson(ctx, { actor, person: child, guardians });

  /** Consent from every guardian for the given units, for a year. */
  const consent = async (actor: Actor, planId: string, childId: string, guardianIds: string[], unitIds: string[]) =>
    recordConsent(ctx, { actor, planId, consent: {
      form: 'written', givenOn: day(storyAt), validFrom: day(storyAt), validUntil: day(addDays(storyAt, 365)), excludes: null,
      givers: [...guardianIds.map((personId) => ({ personId, role: 'guardian' as const, stance: 'consents' as const })),
        { personId: childId, role: 'child' as const, stance: 'consents' as const }],
      unitIds } });

  const version = async (actor: Actor, planId: string) =>
    (await ctx.db.query<{ version: number }>('SELECT version FROM plans WHERE county = $1 AND id = $2', [SKANE, planId]))[0]!.version;

  const invite = async (actor: Actor, planId: string, unitIds: string[], startsAt: Date, purpose: string, question: string) =>
    sendInvitation(ctx, { actor, planId, version: await version(actor, planId), invitation: {
      purpose, question, startsAt: startsAt.toISOString(), endsAt: addDays(startsAt, 1 / 16).toISOString(),
      place: null, videoLink: 'https://mote.example.se/sip/' + planId.slice(0, 8), meetingLeaderId: actor.staffId, noteTakerId: null,
      invitees: unitIds.map((unitId) => ({ unitId })) } });

  const needs = async (actor: Actor, planId: string, list: Array<[LifeArea, string, string | null]>) => {
    for (const [lifeArea, description, childView] of list) await addNeed(ctx, { actor, planId, need: { lifeArea, description, childView, familyView: null } });
  };

  // Elias, 12, Kristianstad: the school calls a SIP; established, one intervention already late.
  {
    const { id: childId, guardianIds } = await register(karin, DEMO_CHILDREN.elias, [
      person('Sofia', 'Karlsson', '1984-06-02', '282'), person('Daniel', 'Karlsson', '1982-11-30', '291')]);
    const units = [org.units['skola-nasby']!, org.units['soc-kristianstad']!, org.units['bup-kristianstad']!];
    at(-35);
    const { id } = await initiatePlan(ctx, { actor: karin, childId, reason: 'Elias har hög frånvaro och oro i skolan; BUP utreder och familjen har kontakt med socialtjänsten.', unitIds: units.slice(1) });
    await consent(karin, id, childId, guardianIds, units);
    const { id: invitationId } = await invite(karin, id, units.slice(1), meetingTime(now, -20), 'Samordna stödet kring Elias skolgång och mående.', 'Hur kan skola, BUP och socialtjänst tillsammans få Elias tillbaka till skolan?');
    for (const a of [johan, sara]) {
      const v = (await ctx.db.query<{ version: number }>('SELECT version FROM invitees WHERE county = $1 AND invitation_id = $2 AND unit_id = $3', [SKANE, invitationId, a.unitId]))[0]!.version;
      await answerInvitation(ctx, { actor: a, planId: id, invitationId, answer: 'accepted', version: v });
    }
    await needs(karin, id, [['achieving', 'Frånvaro över 40 % senaste terminen.', 'Jag vill vara i skolan men det blir för mycket.'],
      ['healthy', 'Sömnsvårigheter och oro, pågående utredning hos BUP.', null], ['nurtured', 'Föräldrarna behöver stöd i vardagen.', null]]);
    await completeMapping(ctx, { actor: karin, planId: id, version: await version(karin, id) });
    after(meetingTime(now, -20));
    await recordMeeting(ctx, { actor: karin, planId: id, meeting: { invitationId, kind: 'first', heldAt: meetingTime(now, -20).toISOString(), byVideo: true, childPresent: true, notes: 'Elias berättade själv om sin skoldag.', attendance: units.map((unitId) => ({ unitId })) } });
    const { id: goalId } = await addGoal(ctx, { actor: karin, planId: id, goal: { professionalWording: 'Närvaron ökar till minst 80 % under vårterminen.', childWords: 'Jag vill orka gå till skolan varje dag.' } });
    await addIntervention(ctx, { actor: karin, planId: id, intervention: { goalId, description: 'Anpassad studiegång och en trygg vuxen på morgonen.', unitId: units[0]!, responsibleStaffId: karin.staffId, startsOn: day(addDays(now, -18)), dueOn: day(addDays(now, 60)) } });
    await addIntervention(ctx, { actor: sara, planId: id, intervention: { goalId, description: 'Neuropsykiatrisk utredning.', unitId: units[2]!, responsibleStaffId: sara.staffId, startsOn: day(addDays(now, -18)), dueOn: day(addDays(now, -3)) } });
    await addIntervention(ctx, { actor: johan, planId: id, intervention: { goalId, description: 'Föräldrastöd (Komet) för familjen.', unitId: units[1]!, responsibleStaffId: johan.staffId, startsOn: day(addDays(now, -10)), dueOn: day(addDays(now, 90)) } });
    await addMeasure(ctx, { actor: karin, planId: id, measure: { actor: 'Friluftsfrämjandet', description: 'Elias deltar i friluftsgruppen på lördagar.' } });
    await updatePlan(ctx, { actor: karin, planId: id, version: await version(karin, id), patch: {
      coordinator: { staffId: johan.staffId, unitId: units[1]! }, overallPrincipalId: org.principals['kristianstad']!, nextFollowUpOn: day(addDays(now, 9)) } });
    await establishPlan(ctx, { actor: karin, planId: id, version: await version(karin, id) });
    at(-2);
    const iv = (await ctx.db.query<{ id: string }>('SELECT id FROM interventions WHERE county = $1 AND plan_id = $2 AND unit_id = $3', [SKANE, id, units[1]]))[0]!;
    await reportActivity(ctx, { actor: johan, planId: id, interventionId: iv.id, report: { status: 'ongoing', note: 'Första träffen med föräldrarna hölls, fem träffar återstår.' } });
    at(0);
  }

  // Maja, 9, Trelleborg: pupil health has started a draft; no consent yet.
  {
    const { id: childId } = await register(fatima, DEMO_CHILDREN.maja, [LINDA]);
    await initiatePlan(ctx, { actor: fatima, childId, reason: 'Maja har magont varje morgon och vill inte gå till skolan.', unitIds: [org.units['soc-trelleborg']!] });
  }

  // Noah, 14, Kristianstad: social services has called a SIP; BUP and the school have not answered yet.
  {
    const { id: childId, guardianIds } = await register(johan, DEMO_CHILDREN.noah, [
      person('Anna', 'Eriksson', '1980-04-04', '315'), person('Mikael', 'Eriksson', '1979-12-12', '326')]);
    const units = [org.units['soc-kristianstad']!, org.units['bup-kristianstad']!, org.units['skola-nasby']!, org.units['vc-nasby']!];
    const { id } = await initiatePlan(ctx, { actor: johan, childId, reason: 'Noah har flera kontakter som inte känner till varandra; föräldrarna ber om samordning.', unitIds: units.slice(1) });
    await consent(johan, id, childId, guardianIds, units);
    await invite(johan, id, units.slice(1), meetingTime(now, 6), 'Samordna insatserna kring Noah.', 'Vem gör vad för att Noah ska må bättre hemma och i skolan?');
  }

  // Alva, 7, Malmö, protected identity: mapped, the meeting is next.
  {
    const { id: childId, guardianIds } = await register(fredrik, DEMO_CHILDREN.alva, [person('Jenny', 'Hansson', '1990-08-08', '337', { protectedIdentity: true, address: 'Hemlig adress 7' })]);
    const units = [org.units['soc-malmo']!, org.units['bup-malmo']!];
    const { id } = await initiatePlan(ctx, { actor: fredrik, childId, reason: 'Alva behöver samordnat stöd efter en svår period i familjen.', unitIds: units.slice(1) });
    await consent(fredrik, id, childId, guardianIds, units);
    await invite(fredrik, id, units.slice(1), meetingTime(now, 3), 'Kartlägga Alvas behov tillsammans.', 'Vilket stöd behöver Alva och hennes mamma?');
    await needs(fredrik, id, [['safe', 'Behöver en trygg och förutsägbar vardag.', 'Jag vill att det ska vara lugnt hemma.']]);
    await completeMapping(ctx, { actor: fredrik, planId: id, version: await version(fredrik, id) });
  }

  // Liam, 16, Trelleborg: the whole way round, closed after a final evaluation.
  {
    const { id: childId, guardianIds } = await register(erik, DEMO_CHILDREN.liam, [person('Helena', 'Nilsson', '1975-03-03', '348')]);
    const units = [org.units['soc-trelleborg']!, org.units['bup-trelleborg']!];
    at(-141);
    const { id } = await initiatePlan(ctx, { actor: erik, childId, reason: 'Liam behövde stöd från både BUP och socialtjänst under gymnasievalet.', unitIds: units.slice(1) });
    await consent(erik, id, childId, guardianIds, units);
    await invite(erik, id, units.slice(1), meetingTime(now, -120), 'Samordna stödet inför gymnasiet.', 'Hur får Liam stöd i övergången till gymnasiet?');
    await needs(erik, id, [['included', 'Isolerad från jämnåriga.', 'Jag vill ha någon att vara med.']]);
    await completeMapping(ctx, { actor: erik, planId: id, version: await version(erik, id) });
    after(meetingTime(now, -120));
    await recordMeeting(ctx, { actor: erik, planId: id, meeting: { kind: 'first', heldAt: meetingTime(now, -120).toISOString(), childPresent: true, attendance: units.map((unitId) => ({ unitId })) } });
    const { id: goalId } = await addGoal(ctx, { actor: erik, planId: id, goal: { professionalWording: 'Liam deltar i en fritidsaktivitet varje vecka.', childWords: 'Jag vill börja spela basket igen.' } });
    await addIntervention(ctx, { actor: maria, planId: id, intervention: { goalId, description: 'Samtalskontakt varannan vecka.', unitId: units[1]!, responsibleStaffId: maria.staffId, startsOn: day(addDays(now, -118)), dueOn: day(addDays(now, -30)) } });
    await updatePlan(ctx, { actor: erik, planId: id, version: await version(erik, id), patch: {
      coordinator: { staffId: erik.staffId, unitId: units[0]! }, overallPrincipalId: org.principals['trelleborg']!, nextFollowUpOn: day(addDays(now, 30)), noMeasuresByOthers: true } });
    await establishPlan(ctx, { actor: erik, planId: id, version: await version(erik, id) });
    at(0);
    await evaluatePlan(ctx, { actor: erik, planId: id, version: await version(erik, id), final: true, evaluations: [{ goalId, outcome: 'reached', childView: 'Jag spelar basket två gånger i veckan nu.', guardianView: 'Liam mår mycket bättre.' }] });
    await closePlan(ctx, { actor: erik, planId: id, version: await version(erik, id), reason: 'goals_reached', note: 'Målen är nådda.' });
  }

  // Ebba, 14, Trelleborg, Maja's big sister: established, and her coordinator has opened the plan to
  // Ebba herself, who signs in with BankID and sees it from the county's age (13 by default;
  // barnkonventionen art. 12). Maja, 9, signs in too and sees nothing: she is below the age. Her
  // mother Linda, guardian of both (föräldrabalken 6 kap 11 §), sees both plans; Ebba sees only her own.
  {
    const { id: childId, guardianIds } = await register(erik, DEMO_CHILDREN.ebba, [LINDA]);
    const units = [org.units['soc-trelleborg']!, org.units['bup-trelleborg']!];
    at(-30);
    const { id } = await initiatePlan(ctx, { actor: erik, childId, reason: 'Ebba har varit nedstämd länge och vill själv ha hjälp att orka med skolan och hemmet.', unitIds: units.slice(1) });
    await consent(erik, id, childId, guardianIds, units);
    const { id: invitationId } = await invite(erik, id, units.slice(1), meetingTime(now, -14), 'Planera stödet kring Ebba tillsammans med henne.', 'Hur kan BUP och socialtjänsten ge Ebba stöd som hon själv tycker hjälper?');
    const v = (await ctx.db.query<{ version: number }>('SELECT version FROM invitees WHERE county = $1 AND invitation_id = $2 AND unit_id = $3', [SKANE, invitationId, maria.unitId]))[0]!.version;
    await answerInvitation(ctx, { actor: maria, planId: id, invitationId, answer: 'accepted', version: v });
    await needs(erik, id, [['healthy', 'Nedstämdhet och sömnproblem sedan i våras.', 'Jag är trött hela tiden.'], ['included', 'Har dragit sig undan kompisarna.', null]]);
    await completeMapping(ctx, { actor: erik, planId: id, version: await version(erik, id) });
    after(meetingTime(now, -14));
    await recordMeeting(ctx, { actor: erik, planId: id, meeting: { invitationId, kind: 'first', heldAt: meetingTime(now, -14).toISOString(), byVideo: false, childPresent: true, notes: 'Ebba var med hela mötet och sa vad hon ville ha hjälp med.', attendance: units.map((unitId) => ({ unitId })) } });
    const { id: goalId } = await addGoal(ctx, { actor: erik, planId: id, goal: { professionalWording: 'Ebba sover bättre och orkar gå till skolan minst fyra dagar i veckan.', childWords: 'Jag vill orka träffa mina kompisar igen.' } });
    await addIntervention(ctx, { actor: maria, planId: id, intervention: { goalId, description: 'Samtal på BUP varannan vecka.', unitId: units[1]!, responsibleStaffId: maria.staffId, startsOn: day(addDays(now, -10)), dueOn: day(addDays(now, 80)) } });
    await addIntervention(ctx, { actor: erik, planId: id, intervention: { goalId, description: 'Stödsamtal med Ebba och hennes mamma.', unitId: units[0]!, responsibleStaffId: erik.staffId, startsOn: day(addDays(now, -10)), dueOn: day(addDays(now, 80)) } });
    await updatePlan(ctx, { actor: erik, planId: id, version: await version(erik, id), patch: {
      coordinator: { staffId: erik.staffId, unitId: units[0]! }, overallPrincipalId: org.principals['trelleborg']!, nextFollowUpOn: day(addDays(now, 45)), noMeasuresByOthers: true } });
    await establishPlan(ctx, { actor: erik, planId: id, version: await version(erik, id) });
    await setYoungPersonAccess(ctx, { actor: erik, planId: id, enabled: true, version: await version(erik, id) });
    at(0);
  }
}
