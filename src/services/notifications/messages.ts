/**
 * The Swedish wording of notices. Users of comparable systems complain most about vague
 * notifications ("you have new information"), so each says what is due, for which plan, by when,
 * and what to do.
 *
 * A notice names the plan by its plan number only: never a personal identity number, never the
 * child's name, and no free text from the plan (a purpose or an intervention's description may
 * hold the child's name). Email leaves the secure system; the inbox text is the same so that one
 * rule covers both, and the link leads into the plan, where the access check and the consent
 * decide what the reader may see (OSL 23, 25 and 26 kap).
 *
 * The one deliberate exception: a kallelse carries the meeting's place and video link as staff
 * wrote them (invitationText here, and the calendar file of icalendar.ts), because an invitation
 * without where to go and how to join is useless. They are free text, but written by staff for
 * exactly this use, and the web form where they are written tells staff never to put the child's
 * name there, because they go out by email and in the calendar file (the hint `placeHint` of
 * web/src/i18n). Nothing else typed into the plan is ever mailed.
 */
import type { DeadlineKind } from '../../domain/deadlines.ts';
import type { NotificationKind, NotificationStage, RecipientRole } from '../../domain/notifications.ts';
import { swedishDate } from '../context.ts';

export interface NoticeText {
  title: string;
  body: string;
}

export interface DeadlineFacts {
  planNumber: string;
  dueOn: string;
  /** The booked meeting day, where an invitation is concerned. */
  meetingOn?: string | undefined;
  /** The invited unit that has not answered (for the convener), absent for a person. */
  unitName?: string | undefined;
  /** Lotsmodellen's number of working days in the county's agreement. */
  lotsmodellenDays?: number | null | undefined;
}

/** The section of the plan page where the recipient acts (web/src/plan/PlanPage.tsx, SECTIONS). */
const SECTION: Record<NotificationKind, string> = {
  follow_up: 'uppfoljning',
  intervention_due: 'plan',
  invitation_unanswered: 'moten',
  consent_expiring: 'samtycke',
  lotsmodellen_meeting: 'moten',
  first_meeting_delayed: 'moten',
  invitation_received: 'moten',
  invitation_changed: 'moten',
  invitation_cancelled: 'moten',
  handover_pending: 'plan',
  handover_assigned: 'plan',
  coordinator_changed: 'plan',
  family_consent_changed: 'samtycke',
  // Deviation notices link to /avvikelser/<id> (src/services/deviations/deviation-notices.ts), never here.
  deviation_reported: 'plan',
  deviation_escalated: 'plan',
  deviation_measure_assigned: 'plan',
};

/** The path in the web app where the notice is acted on. */
export function noticeLink(kind: NotificationKind, planId: string): string {
  return `/planer/${planId}/${SECTION[kind]}`;
}

/** The wording of a deadline notice for one recipient. */
export function deadlineText(kind: DeadlineKind, stage: Exclude<NotificationStage, 'info'>, as: RecipientRole, f: DeadlineFacts): NoticeText {
  const plan = f.planNumber;
  const late = stage === 'overdue';
  const managerNote = as === 'manager' ? ' Du får beskedet som chef eftersom den som är ansvarig inte längre är aktiv i verksamheten eller för att fristen har passerat: se till att någon tar över.' : '';
  switch (kind) {
    case 'follow_up':
      return late
        ? { title: `Uppföljningen av ${plan} är försenad`, body: `Planen ${plan} skulle ha följts upp senast ${f.dueOn}. Kalla deltagarna till uppföljningsmöte snarast och registrera uppföljningen i Samplan.${managerNote}` }
        : { title: `Uppföljning av ${plan} senast ${f.dueOn}`, body: `Planen ${plan} ska följas upp senast ${f.dueOn}. Kalla deltagarna och familjen till uppföljningsmöte och registrera uppföljningen i Samplan.${managerNote}` };
    case 'intervention_due':
      return late
        ? { title: `Insats i ${plan} är försenad`, body: `En insats i planen ${plan} som du ansvarar för skulle ha varit klar senast ${f.dueOn}. Rapportera läget (aktivitetsuppföljning) eller kom överens med samordnaren om ett nytt slutdatum.${managerNote}` }
        : { title: `Insats i ${plan} ska vara klar senast ${f.dueOn}`, body: `En insats i planen ${plan} som du ansvarar för ska vara klar senast ${f.dueOn}. Rapportera hur det går (aktivitetsuppföljning) innan dess.${managerNote}` };
    case 'invitation_unanswered': {
      const meeting = f.meetingOn ? ` till mötet ${f.meetingOn}` : '';
      if (as === 'invitee') {
        return { title: `Kallelse till SIP-möte för ${plan} är obesvarad`, body: `Din verksamhet är kallad${meeting} för planen ${plan} och har inte svarat. Svara senast ${f.dueOn}: tacka ja, eller tacka nej med skäl.` };
      }
      const who = f.unitName ?? 'En kallad person';
      const todo = f.unitName ? 'Kontakta verksamheten så att rätt kompetens kommer till mötet.' : 'Kontakta familjen och fråga om de kommer.';
      return { title: `${who} har inte svarat på kallelsen för ${plan}`, body: `${who} har inte svarat på kallelsen${meeting} för planen ${plan}; svaret skulle ha kommit senast ${f.dueOn}. ${todo}${managerNote}` };
    }
    case 'consent_expiring':
      return late
        ? { title: `Samtycket i ${plan} har upphört`, body: `Samtycket i planen ${plan} gällde till och med ${f.dueOn}. Inget får delas mellan verksamheterna förrän ett nytt samtycke är registrerat: inhämta det från vårdnadshavarna (och barnet) och registrera det i Samplan.${managerNote}` }
        : { title: `Samtycket i ${plan} upphör ${f.dueOn}`, body: `Samtycket i planen ${plan} gäller till och med ${f.dueOn}. Inhämta ett nytt samtycke i tid; vid gemensam vårdnad ska båda vårdnadshavarna samtycka.${managerNote}` };
    case 'lotsmodellen_meeting': {
      const days = f.lotsmodellenDays ?? 15;
      if (f.meetingOn) {
        return { title: `Mötet för ${plan} är bokat efter Lotsmodellens gräns`, body: `Mötet för planen ${plan} är bokat ${f.meetingOn}, men enligt den lokala överenskommelsen (Lotsmodellen) ska högst ${days} arbetsdagar gå från kallelse till nätverksmöte, alltså senast ${f.dueOn}. Boka om till ett tidigare datum, eller registrera en avvikelse med skälet.${managerNote}` };
      }
      return late
        ? { title: `Nätverksmötet för ${plan} har inte hållits inom ${days} arbetsdagar`, body: `Enligt den lokala överenskommelsen (Lotsmodellen) skulle nätverksmötet för planen ${plan} ha hållits senast ${f.dueOn}. Boka mötet snarast och registrera en avvikelse med skälet.${managerNote}` }
        : { title: `Nätverksmötet för ${plan} ska hållas senast ${f.dueOn}`, body: `Enligt den lokala överenskommelsen (Lotsmodellen) ska högst ${days} arbetsdagar gå från kallelse till nätverksmöte. Boka och kalla till mötet för planen ${plan} senast ${f.dueOn}.${managerNote}` };
    }
    case 'first_meeting_delayed':
      return late
        ? { title: `Första SIP-mötet för ${plan} är försenat`, body: `Arbetet med planen ${plan} ska påbörjas utan dröjsmål (SoL 2 kap 7 §, HSL 16 kap 4 §), och det första mötet skulle ha hållits senast ${f.dueOn}. Boka mötet snarast.${managerNote}` }
        : { title: `Första SIP-mötet för ${plan} senast ${f.dueOn}`, body: `Arbetet med planen ${plan} ska påbörjas utan dröjsmål (SoL 2 kap 7 §, HSL 16 kap 4 §). Boka och kalla till det första mötet så att det hålls senast ${f.dueOn}.${managerNote}` };
  }
}

// Building a formatter is costly; one serves every notice (the day comes from swedishDate).
const SWEDISH_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });

/** A time of day in Swedish local time, written the Swedish way: '09.00'. */
function swedishTime(d: Date): string {
  return SWEDISH_TIME.format(d).replace(':', '.');
}

/** A meeting's time in Swedish local time: '2026-05-12 kl. 09.00–10.30'. */
export function meetingTime(startsAt: Date, endsAt: Date): string {
  const startDay = swedishDate(startsAt);
  const endDay = swedishDate(endsAt);
  const end = endDay === startDay ? swedishTime(endsAt) : `${endDay} kl. ${swedishTime(endsAt)}`;
  return `${startDay} kl. ${swedishTime(startsAt)}–${end}`;
}

export interface InvitationFacts {
  planNumber: string;
  unitName: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  videoLink: string | null;
}

/** The wording of a kallelse notice to an invited unit's contact, as sent, changed or cancelled. */
export function invitationText(kind: 'invitation_received' | 'invitation_changed' | 'invitation_cancelled', f: InvitationFacts): NoticeText {
  const when = meetingTime(f.startsAt, f.endsAt);
  const where = [f.place ? `Plats: ${f.place}` : null, f.videoLink ? `Videolänk: ${f.videoLink}` : null].filter(Boolean).join('\n');
  switch (kind) {
    case 'invitation_received':
      return { title: `Kallelse till SIP-möte för ${f.planNumber} ${when}`, body: `${f.unitName} är kallad till ett SIP-möte för planen ${f.planNumber}.\nTid: ${when}\n${where}\nKallelsens syfte och frågeställning finns i Samplan. Svara där: tacka ja, eller tacka nej med skäl, och se till att rätt kompetens kommer.` };
    case 'invitation_changed':
      return { title: `Ändrad kallelse till SIP-möte för ${f.planNumber} ${when}`, body: `Kallelsen till SIP-mötet för planen ${f.planNumber} är ändrad. Gäller nu:\nTid: ${when}\n${where}\nKontrollera i Samplan att ert svar fortfarande stämmer.` };
    case 'invitation_cancelled':
      return { title: `Inställt SIP-möte för ${f.planNumber} ${when}`, body: `SIP-mötet för planen ${f.planNumber} ${when} är inställt. Kalendern uppdateras med den bifogade filen.` };
  }
}

/** The email's plain text: the notice, the link into Samplan, and why it says so little. */
export function emailText(body: string, url: string): string {
  return `${body}\n\nÖppna i Samplan: ${url}\n\n` +
    'Meddelandet är skickat automatiskt av Samplan. Det innehåller inga personuppgifter om barnet; logga in i Samplan för att se planen.\n';
}

export interface HandoverFacts {
  planNumber: string;
  role: 'coordinator' | 'intervention';
  reason: 'deactivated' | 'left_unit';
  formerName: string;
}

/** To the manager: a leaver's plan or intervention waits in the hand-over queue. */
export function handoverPendingText(f: HandoverFacts, asManager: boolean): NoticeText {
  const what = f.role === 'coordinator' ? `samordnare för planen ${f.planNumber}` : `ansvarig för en insats i planen ${f.planNumber}`;
  const gone = f.reason === 'deactivated' ? 'är inte längre aktiv i Samplan' : 'har lämnat verksamheten';
  const todo = asManager
    ? 'Utse en ny i överlämningskön i Samplan, så att uppföljningar och insatser inte tappas.'
    : 'Verksamheten saknar chef i Samplan: se till att någon utses, så att uppföljningar och insatser inte tappas.';
  return {
    title: `Överlämning: ${f.planNumber} behöver ${f.role === 'coordinator' ? 'en ny samordnare' : 'en ny ansvarig för en insats'}`,
    body: `${f.formerName} ${gone} och var ${what}. ${todo}`,
  };
}

/** To the person who takes over an intervention. */
export function interventionAssignedText(planNumber: string, formerName: string): NoticeText {
  return {
    title: `Du är ny ansvarig för en insats i ${planNumber}`,
    body: `Du har tagit över ansvaret för en insats i planen ${planNumber} efter ${formerName}. Läs in dig på insatsen och dess slutdatum och rapportera hur det går (aktivitetsuppföljning).`,
  };
}

export interface CoordinatorChangeFacts {
  planNumber: string;
  newName: string | null;
  newUnitName: string | null;
  formerName: string;
}

/** About a new coordinator: to the new coordinator (`toNew`) or to the plan's other participants. */
export function coordinatorChangedText(f: CoordinatorChangeFacts, toNew: boolean): NoticeText {
  if (toNew) {
    return {
      title: `Du är ny samordnare för ${f.planNumber}`,
      body: `Du är samordnare för planen ${f.planNumber} efter ${f.formerName}. Läs in dig på planen, kontakta familjen och de andra deltagarna, och se när nästa uppföljning ska hållas.`,
    };
  }
  if (!f.newName) {
    return { title: `${f.planNumber} saknar samordnare`, body: `${f.formerName} är inte längre samordnare för planen ${f.planNumber}, och ingen ny är utsedd än.` };
  }
  return {
    title: `Ny samordnare för ${f.planNumber}`,
    body: `Planen ${f.planNumber} har fått en ny samordnare: ${f.newName}${f.newUnitName ? `, ${f.newUnitName}` : ''} (efter ${f.formerName}). Vänd dig dit i frågor om samordningen.`,
  };
}
