/**
 * The bundled identity provider's own pages, in Swedish: choose who to sign in as, confirm sign-out,
 * signed out, and errors. Plain HTML forms with no script at all, styled by one small stylesheet
 * served from the IdP itself, so they work under a Content-Security-Policy without 'unsafe-inline'.
 *
 * Identity numbers never appear here: a guardian is shown by name and year of birth only.
 */
import type { DemoCitizen, DemoPerson, DemoStaff } from './demo-people.ts';

/** Where the stylesheet is served. */
export const STYLESHEET_PATH = '/idp.css';

export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #00558c; --accent-ink: #fff; --bg: #f6f6f4; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
header.banner { background: var(--accent); color: var(--accent-ink); padding: .75rem 1rem; }
header.banner p { margin: 0; max-width: 52rem; margin-inline: auto; font-weight: 600; }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; color: var(--muted); }
ul.people { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
button { font: inherit; cursor: pointer; border-radius: .375rem; }
button.person { width: 100%; min-height: 3rem; text-align: start; padding: .625rem .875rem; background: #fff; color: var(--ink); border: 1px solid var(--line); }
button.person:hover { border-color: var(--accent); }
button.person .name { display: block; font-weight: 600; }
button.person .detail { display: block; color: var(--muted); font-size: .925rem; }
button.primary { background: var(--accent); color: var(--accent-ink); border: 2px solid var(--accent); padding: .625rem 1.25rem; }
button.secondary { background: #fff; color: var(--accent); border: 2px solid var(--accent); padding: .625rem 1.25rem; }
button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.5rem; }
.note { color: var(--muted); }
dl.error { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.error dt { font-weight: 600; }
dl.error dd { margin: 0; overflow-wrap: anywhere; }
`;

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Samplans test-inloggning</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header class="banner"><p>Samplans test-inloggning – ersätter SITHS eID och BankID på en utvecklingsdator</p></header>
<main>
${body}
</main>
</body>
</html>`;
}

const collator = new Intl.Collator('sv');

function personButton(person: DemoPerson, detail: string): string {
  return `<li><button type="submit" class="person" name="person" value="${escapeHtml(person.key)}">`
    + `<span class="name">${escapeHtml(person.name)}</span> <span class="detail">${escapeHtml(detail)}</span></button></li>`;
}

/** Staff grouped by unit (a member of two units is listed under both), units and names in Swedish order. */
function staffByUnit(staff: DemoStaff[]): Array<{ unit: string; people: DemoStaff[] }> {
  const groups = new Map<string, DemoStaff[]>();
  for (const s of staff) {
    for (const u of s.units) {
      const list = groups.get(u.name) ?? [];
      list.push(s);
      groups.set(u.name, list);
    }
  }
  return [...groups].sort(([a], [b]) => collator.compare(a, b))
    .map(([unit, people]) => ({ unit, people: people.sort((a, b) => collator.compare(a.name, b.name)) }));
}

/**
 * The sign-in page of one interaction: every demo person is a submit button of one form that posts
 * `person=<key>` to `action`; a second form cancels the sign-in.
 */
export function signInPage(options: { action: string; abortAction: string; people: readonly DemoPerson[]; clientName: string | undefined }): string {
  const staff = options.people.filter((p): p is DemoStaff => p.kind === 'staff');
  const citizens = options.people.filter((p): p is DemoCitizen => p.kind === 'citizen').sort((a, b) => collator.compare(a.name, b.name));
  const guardians = citizens.filter((p) => p.role === 'guardian');
  const young = citizens.filter((p) => p.role === 'child');
  const units = staffByUnit(staff).map(({ unit, people }, i) => `
<section aria-labelledby="enhet-${i}">
<h3 id="enhet-${i}">${escapeHtml(unit)}</h3>
<ul class="people">${people.map((p) => personButton(p, p.title)).join('')}</ul>
</section>`).join('');
  const client = options.clientName ? ` till ${escapeHtml(options.clientName)}` : '';
  return layout('Logga in', `
<h1>Logga in${client}</h1>
<p>Välj vem du vill logga in som. För personal ersätter det här inloggning med SITHS eID (i Samplan väljer du sedan vilken enhet du arbetar för), för vårdnadshavare och barn inloggning med BankID.</p>
<form method="post" action="${escapeHtml(options.action)}">
<section aria-labelledby="personal">
<h2 id="personal">Personal (SITHS eID)</h2>
${units}
</section>
<section aria-labelledby="vardnadshavare">
<h2 id="vardnadshavare">Vårdnadshavare (BankID)</h2>
<ul class="people">${guardians.map((p) => personButton(p, `född ${p.birthDate.slice(0, 4)}`)).join('')}</ul>
</section>${young.length ? `
<section aria-labelledby="barn">
<h2 id="barn">Barn och unga (BankID)</h2>
<ul class="people">${young.map((p) => personButton(p, `född ${p.birthDate.slice(0, 4)}`)).join('')}</ul>
</section>` : ''}
</form>
<form method="post" action="${escapeHtml(options.abortAction)}" class="actions">
<button type="submit" class="secondary">Avbryt inloggningen</button>
</form>`);
}

/**
 * The sign-out confirmation (oidc-provider's `logoutSource`). `form` is oidc-provider's hidden form
 * with id "op.logoutForm" and its anti-forgery value; the buttons submit it.
 */
export function logoutPage(options: { form: string; clientName: string | undefined }): string {
  const from = options.clientName ? ` från ${escapeHtml(options.clientName)} och` : '';
  return layout('Logga ut', `
<h1>Vill du logga ut?</h1>
<p>Du loggas ut${from} från test-inloggningen, så att nästa person som använder datorn får välja på nytt.</p>
${options.form}
<div class="actions">
<button type="submit" class="primary" form="op.logoutForm" name="logout" value="yes" autofocus>Ja, logga ut</button>
<button type="submit" class="secondary" form="op.logoutForm">Nej, förbli inloggad här</button>
</div>`);
}

/** Shown after sign-out when the client gave no address to return to. */
export function signedOutPage(): string {
  return layout('Utloggad', `
<h1>Du är utloggad</h1>
<p>Du kan stänga det här fönstret.</p>`);
}

/** oidc-provider's error page (`renderError`): the OAuth error code and its description, escaped. */
export function errorPage(out: Record<string, string>): string {
  const rows = Object.entries(out).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd>`).join('');
  return layout('Fel vid inloggning', `
<h1>Inloggningen kunde inte genomföras</h1>
<p>Gå tillbaka till Samplan och försök igen. Uppgifterna nedan hjälper den som felsöker.</p>
<dl class="error">${rows}</dl>`);
}
