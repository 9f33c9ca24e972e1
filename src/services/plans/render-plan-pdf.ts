/**
 * The plan as a PDF for the family: what the plan says, in plain Swedish, to print or keep.
 *
 * Why: the plan is drawn up together with the person when possible, and relatives may take part
 * (SoL 2 kap 7 § 2 st., HSL 16 kap 4 §); the family should hold the same plan the professionals
 * work from, in words they understand (UI.md: short sentences, abbreviations spelled out). The
 * child's own words come first (barnkonventionen art. 12, lag 2018:1197).
 *
 * Two parts: `printPlan`, the use case (access check and audit as every plan read), and
 * `renderPlanPdf`, a pure function from the plan document to the PDF's bytes.
 */
import PDFDocument from 'pdfkit';
import type { PlanState } from '../../domain/plan-lifecycle.ts';
import { readPlanDocument } from '../../store/plan-document.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { inPlan } from '../plan-command.ts';

export interface PrintPlanOptions {
  actor: Actor;
  planId: string;
}

/**
 * Reads the plan for printing, audited as a read (event plan.print), and renders it. The PDF is
 * built after the transaction, so that no connection waits on the layout.
 */
export async function printPlan(ctx: Context, { actor, planId }: PrintPlanOptions): Promise<{ planNumber: string; filename: string; pdf: Buffer }> {
  const { doc, today } = await inPlan(ctx, { actor, planId, permission: 'plan.read', action: 'R', event: 'plan.print' }, async ({ tx, plan, today }) => {
    const doc = await readPlanDocument(tx, plan.county, plan.id, today) as PlanDocumentForPdf;
    // Names of the units and principals the document refers to by id only.
    const unitIds = [...new Set([...doc.interventions.map((i) => i.unitId), doc.coordinator?.unitId].filter((x): x is string => !!x))];
    const principalIds = [...new Set([...doc.interventions.map((i) => i.principalId), doc.overallPrincipalId].filter((x): x is string => !!x))];
    const names = await tx.query<{ kind: 'unit' | 'principal'; id: string; name: string }>(
      `SELECT 'unit' AS kind, id, name FROM units WHERE county = $1 AND id = ANY($2::uuid[])
       UNION ALL
       SELECT 'principal' AS kind, id, name FROM principals WHERE county = $1 AND id = ANY($3::uuid[])`,
      [plan.county, unitIds, principalIds]);
    doc.names = {
      units: Object.fromEntries(names.filter((n) => n.kind === 'unit').map((n) => [n.id, n.name])),
      principals: Object.fromEntries(names.filter((n) => n.kind === 'principal').map((n) => [n.id, n.name])),
    };
    // A called-off meeting is not the next meeting.
    doc.invitations = doc.invitations.filter((i) => !i.cancelledAt);
    return { doc, today };
  });
  const pdf = await renderPlanPdf(doc, today);
  return { planNumber: doc.planNumber, filename: pdfFilename(doc.planNumber), pdf };
}

/**
 * The file's name: the plan number only, never a name or an identity number (a file name shows
 * in download lists, mail attachments and shared folders).
 */
export function pdfFilename(planNumber: string): string {
  const safe = planNumber.replace(/[^A-Za-z0-9-]/g, '');
  return `${safe.startsWith('SIP-') ? safe : `SIP-${safe}`}.pdf`;
}

/** The parts of the plan document (src/store/plan-document.ts) the family's PDF uses. */
export interface PlanDocumentForPdf {
  planNumber: string;
  state: PlanState;
  child: { givenName: string; familyName: string };
  coordinator: { staffId: string; unitId: string | null; name: string | null; phone: string | null; email: string | null } | null;
  overallPrincipalId: string | null;
  nextFollowUpOn: string | null;
  noMeasuresByOthers: boolean;
  participants: Array<{
    kind: 'unit' | 'child' | 'guardian' | 'relative' | 'other';
    unitId: string | null; unitName: string | null; principalName: string | null;
    staffName: string | null; name: string | null; roleNote: string | null;
  }>;
  invitations: Array<{ id: string; purpose: string; startsAt: string; endsAt: string; place: string | null; videoLink: string | null; cancelledAt: string | null }>;
  meetings: Array<{ invitationId: string | null }>;
  goals: Array<{ id: string; professionalWording: string; childWords: string | null }>;
  interventions: Array<{
    goalId: string | null; description: string; principalId: string; unitId: string;
    responsibleStaffName: string | null; startsOn: string; dueOn: string; status: 'planned' | 'ongoing' | 'done' | 'cancelled'; doneOn: string | null;
    /** Not done and past its due date (computed for the day the document was built). */
    overdue?: boolean;
  }>;
  measuresByOthers: Array<{ actor: string; description: string }>;
  /** Names of units and principals referred to by id (added by the use case). */
  names?: { units: Record<string, string>; principals: Record<string, string> };
}

const STATE: Record<PlanState, { word: string; meaning: string }> = {
  initiated: { word: 'Initierad', meaning: 'Någon har tagit initiativ till en plan. Nästa steg är ett möte där vi pratar tillsammans.' },
  invited: { word: 'Kallad', meaning: 'Ni är kallade till ett möte om planen.' },
  mapped: { word: 'Kartlagd', meaning: 'Vi har tillsammans beskrivit vad som behövs. Nästa steg är att bestämma planen på ett möte.' },
  established: { word: 'Upprättad', meaning: 'Planen är bestämd och gäller. Alla gör det som står i den.' },
  evaluated: { word: 'Utvärderad', meaning: 'Vi har tittat på hur det har gått med målen.' },
  closed: { word: 'Avslutad', meaning: 'Planen är avslutad.' },
  cancelled: { word: 'Avbruten', meaning: 'Planen är avbruten.' },
};

const STATUS: Record<PlanDocumentForPdf['interventions'][number]['status'], string> = {
  planned: 'Planerad', ongoing: 'Pågår', done: 'Klar', cancelled: 'Blir inte av',
};

/** Abbreviations a family may meet in unit names and texts, spelled out the first time. */
const ABBREVIATIONS: Record<string, string> = {
  BUP: 'barn- och ungdomspsykiatrin',
  BVC: 'barnavårdscentralen',
  HVB: 'hem för vård eller boende',
  KBT: 'kognitiv beteendeterapi',
  LSS: 'lagen om stöd och service till vissa funktionshindrade',
  NPF: 'neuropsykiatriska funktionsnedsättningar',
  SIP: 'samordnad individuell plan',
  VC: 'vårdcentralen',
};
const ABBREVIATION = new RegExp(`\\b(${Object.keys(ABBREVIATIONS).join('|')})\\b(?!-)`, 'g');

const DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const SHORT_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });

/** "tisdag 12 mars 2026" for a 'YYYY-MM-DD' date (noon UTC is the same day in Sweden). */
export function swedishDayText(day: string): string {
  return DAY.format(new Date(`${day.slice(0, 10)}T12:00:00Z`));
}

/** "12 mars 2026", for the two ends of a period. */
function shortDay(day: string): string {
  return SHORT_DAY.format(new Date(`${day.slice(0, 10)}T12:00:00Z`));
}

/** "tisdag 12 mars 2026 kl. 13.00–14.30" (UI.md: dates as people say them). */
function meetingTime(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const clock = (d: Date) => `kl. ${TIME.format(d).replace(':', '.')}`;
  const sameDay = swedishDate(start) === swedishDate(end);
  return sameDay
    ? `${DAY.format(start)} ${clock(start)}–${TIME.format(end).replace(':', '.')}`
    : `${DAY.format(start)} ${clock(start)} till ${DAY.format(end)} ${clock(end)}`;
}

// WinAnsiEncoding (the standard PDF fonts) beyond Latin-1: the characters it holds in 0x80–0x9F.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the standard Helvetica font can show: å ä ö é ü and the like stay; other letters lose
 * their accents (ł stays a question mark rather than printing garbage); control characters go.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) { out += ch; continue; }
    if (ch === '\t' || ch === '\r') { out += ' '; continue; }
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += [...base].every((c) => c.codePointAt(0)! < 0x100) && base !== ch ? base : '?';
  }
  return out;
}

const MARGIN = 56;
const FOOTER_SPACE = 40;
const INK = '#1b1b1b';
const MUTED = '#4a4a4a';

/**
 * The plan as a PDF, in plain Swedish for the child and the family. Pure: the same document and
 * day give the same bytes. `today` is 'YYYY-MM-DD' (Swedish date), shown as the print date and
 * used to find the next meeting. Never prints an identity number (the document holds only a
 * masked one, and even that is left out) nor an address.
 */
export async function renderPlanPdf(doc: PlanDocumentForPdf, today: string): Promise<Buffer> {
  const childName = `${doc.child.givenName} ${doc.child.familyName}`;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    lang: 'sv-SE',
    displayTitle: true,
    // The plan number only: document properties travel with the file.
    info: { Title: `Samordnad individuell plan ${winAnsi(doc.planNumber)}`, Creator: 'Samplan', CreationDate: new Date(`${today}T12:00:00Z`) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const width = pdf.page.width - MARGIN * 2;
  const explained = new Set<string>();
  /** Free text made printable, each abbreviation spelled out the first time it appears. */
  const plain = (text: string) => winAnsi(text.trim()).replace(ABBREVIATION, (abbr: string) => {
    if (explained.has(abbr)) return abbr;
    explained.add(abbr);
    return `${abbr} (${ABBREVIATIONS[abbr]})`;
  });
  const keepRoomFor = (height: number) => {
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  };
  const heading = (text: string) => {
    keepRoomFor(70);
    pdf.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor(INK).text(winAnsi(text), MARGIN, pdf.y, { width });
    pdf.moveDown(0.3);
  };
  const subheading = (text: string) => {
    keepRoomFor(50);
    pdf.moveDown(0.4).font('Helvetica-Bold').fontSize(11.5).fillColor(INK).text(text, MARGIN, pdf.y, { width });
    pdf.moveDown(0.15);
  };
  const para = (text: string, o: { indent?: number; color?: string; bold?: boolean } = {}) => {
    pdf.font(o.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(11).fillColor(o.color ?? INK)
      .text(text, MARGIN + (o.indent ?? 0), pdf.y, { width: width - (o.indent ?? 0), lineGap: 2 });
  };
  /** "Label: value" with the label in bold. */
  const labelled = (label: string, value: string, indent = 0) => {
    pdf.font('Helvetica-Bold').fontSize(11).fillColor(INK)
      .text(`${label}: `, MARGIN + indent, pdf.y, { width: width - indent, lineGap: 2, continued: true })
      .font('Helvetica').text(value);
  };
  const names = doc.names ?? { units: {}, principals: {} };

  // Title.
  pdf.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(winAnsi(`Samordnad individuell plan för ${childName}`), { width });
  pdf.moveDown(0.4);
  para('En samordnad individuell plan visar vad var och en ska göra för att du ska få det stöd du behöver. Alla som hjälper dig har gjort planen tillsammans med dig och din familj.', { color: MUTED });
  pdf.moveDown(0.4);
  labelled('Planens nummer', winAnsi(doc.planNumber));
  const state = STATE[doc.state] ?? { word: winAnsi(String(doc.state)), meaning: '' };
  labelled('Planen är', `${state.word}. ${state.meaning}`.trim());

  // The coordinator: who to call.
  heading('Din samordnare');
  if (doc.coordinator?.name) {
    para('Samordnaren håller ihop planen. Hör av dig om du har frågor eller om något inte blir som det står här.');
    pdf.moveDown(0.2);
    labelled('Namn', plain(doc.coordinator.name));
    const unit = doc.coordinator.unitId ? names.units[doc.coordinator.unitId] : undefined;
    if (unit) labelled('Arbetar på', plain(unit));
    labelled('Telefon', doc.coordinator.phone ? winAnsi(doc.coordinator.phone) : 'Saknas. Fråga på mötet.');
    labelled('E-post', doc.coordinator.email ? winAnsi(doc.coordinator.email) : 'Saknas. Fråga på mötet.');
  } else {
    para('Planen har ingen samordnare ännu. Det bestäms på mötet.');
  }
  const overall = doc.overallPrincipalId ? names.principals[doc.overallPrincipalId] : undefined;
  if (overall) {
    pdf.moveDown(0.2);
    labelled('Huvudansvar för planen', `${plain(overall)}. De ser till att planen blir av och följs upp.`);
  }

  // What happens next.
  heading('Nästa möte');
  const next = doc.invitations
    .filter((i) => !doc.meetings.some((m) => m.invitationId === i.id))
    .filter((i) => swedishDate(new Date(i.startsAt)) >= today)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
  if (next) {
    labelled('När', meetingTime(next.startsAt, next.endsAt));
    if (next.place) labelled('Var', plain(next.place));
    if (next.videoLink) labelled('Länk till videomötet', winAnsi(next.videoLink));
    labelled('Mötet handlar om', plain(next.purpose));
  } else {
    para('Det finns inget nytt möte bokat ännu.');
  }
  heading('Nästa uppföljning');
  para(doc.nextFollowUpOn
    ? `Vi träffas och ser hur det går med planen senast ${swedishDayText(doc.nextFollowUpOn)}.`
    : 'Dagen för nästa uppföljning är inte bestämd ännu.');

  // The goals, the child's own words first.
  heading('Våra mål');
  if (doc.goals.length === 0) para('Planen har inga mål ännu.');
  const goalNo = new Map(doc.goals.map((g, i) => [g.id, i + 1]));
  for (const [i, goal] of doc.goals.entries()) {
    subheading(`Mål ${i + 1}`);
    labelled('Med dina egna ord', goal.childWords?.trim() ? `”${plain(goal.childWords)}”` : 'Inte skrivet ännu. Berätta gärna för din samordnare hur du vill säga det.');
    pdf.moveDown(0.1);
    labelled('Så skriver de som arbetar med planen', plain(goal.professionalWording));
  }

  // The interventions, by principal and unit (SoL 2 kap 7 § p. 1–2).
  heading('Det här gör vi');
  if (doc.interventions.length === 0) para('Inga insatser är bestämda ännu.');
  const groups = new Map<string, { principal: string; unit: string; items: PlanDocumentForPdf['interventions'] }>();
  for (const iv of doc.interventions) {
    const key = `${iv.principalId}/${iv.unitId}`;
    const group = groups.get(key) ?? { principal: names.principals[iv.principalId] ?? '', unit: names.units[iv.unitId] ?? '', items: [] };
    group.items.push(iv);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => a.principal.localeCompare(b.principal, 'sv') || a.unit.localeCompare(b.unit, 'sv'));
  for (const group of ordered) {
    subheading(plain([group.unit, group.principal].filter(Boolean).join(', ') || 'Okänd verksamhet'));
    for (const iv of group.items) {
      keepRoomFor(60);
      para(`• ${plain(iv.description)}`, { indent: 8 });
      const when = iv.status === 'done' && iv.doneOn
        ? `Klar ${shortDay(iv.doneOn)}.`
        : `Från ${shortDay(iv.startsOn)} till ${shortDay(iv.dueOn)}. ${STATUS[iv.status] ?? ''}.${iv.overdue ? ' Den är försenad. Fråga din samordnare varför.' : ''}`;
      const goal = iv.goalId && goalNo.has(iv.goalId) ? ` Hör till mål ${goalNo.get(iv.goalId)}.` : '';
      para(`Ansvarig: ${iv.responsibleStaffName ? plain(iv.responsibleStaffName) : 'inte bestämt'}. ${when}${goal}`, { indent: 18, color: MUTED });
      pdf.moveDown(0.25);
    }
  }

  // Measures by others (SoL 2 kap 7 § p. 3).
  heading('Det här gör andra');
  if (doc.measuresByOthers.length) {
    for (const m of doc.measuresByOthers) {
      keepRoomFor(40);
      labelled(plain(m.actor), plain(m.description), 8);
      pdf.moveDown(0.15);
    }
  } else {
    para(doc.noMeasuresByOthers ? 'Ingen annan än kommunen och regionen gör något i planen just nu.' : 'Inget är skrivet här ännu.');
  }

  // Who takes part.
  heading('Vilka är med i planen');
  const people = (kind: string) => doc.participants.filter((p) => p.kind === kind && p.name).map((p) => plain(p.name!) + (p.roleNote ? ` (${plain(p.roleNote)})` : ''));
  const child = people('child');
  const guardians = people('guardian');
  const others = [...people('relative'), ...people('other')];
  if (child.length) labelled('Du', child.join(', '));
  if (guardians.length) labelled('Vårdnadshavare', guardians.join(', '));
  if (others.length) labelled('Andra som står dig nära', others.join(', '));
  const units = doc.participants.filter((p) => p.kind === 'unit');
  if (units.length) {
    pdf.moveDown(0.2);
    para('De här verksamheterna är med:', { bold: true });
    for (const u of units) {
      keepRoomFor(30);
      const where = [u.unitName, u.principalName].filter(Boolean).map((x) => plain(x!)).join(', ');
      para(`• ${where}${u.staffName ? `. Kontaktperson: ${plain(u.staffName)}` : ''}`, { indent: 8 });
    }
  }

  // The footer on every page: print date, page, and whose plan it is.
  const printed = `Utskriven ${swedishDayText(today)}. Planen är din. Prata med din samordnare om något är fel.`;
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    const y = pdf.page.height - MARGIN - 14;
    pdf.moveTo(MARGIN, y - 8).lineTo(pdf.page.width - MARGIN, y - 8).lineWidth(0.5).strokeColor('#8a8a8a').stroke();
    pdf.font('Helvetica').fontSize(9).fillColor(MUTED)
      .text(winAnsi(printed), MARGIN, y, { width: width - 70, lineBreak: true })
      .text(`Sida ${i - range.start + 1} av ${range.count}`, pdf.page.width - MARGIN - 70, y, { width: 70, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
