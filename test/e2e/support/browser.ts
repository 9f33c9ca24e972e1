/// <reference lib="dom" />
/**
 * A real Chromium (Debian's, never a downloaded one) driven by playwright-core, the real server
 * with the built web app on a real port, and axe-core for accessibility. Screenshots go to
 * test-results/ so that a person can look at what the tests saw.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer } from 'node:net';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { DEMO_PEOPLE } from '../../../src/idp/demo-people.ts';
import { startIdentityProvider, type RunningIdentityProvider } from '../../../src/idp/identity-provider.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));
export const RESULTS = fileURLToPath(new URL('../../../test-results', import.meta.url));

/** The flags this machine's closed network needs (no background calls home, no GPU). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface E2E {
  t: TestApp;
  url: string;
  browser: Browser;
  /** The bundled identity provider the app signs in through. */
  idp: RunningIdentityProvider;
  /**
   * A new browser context (its own cookies) signed in as this demo staff member the way a person
   * does it: Samplan's sign-in page, the identity provider's page, and (for someone with several
   * assignments) Samplan's choice of assignment, taking the one whose unit matches `unit`.
   */
  signIn(name: RegExp, unit?: RegExp): Promise<Page>;
  /** The same for a guardian (BankID at the identity provider). */
  signInCitizen(name: RegExp): Promise<Page>;
  /** A fresh browser context, not signed in. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A free port on this machine, so that the IdP can know Samplan's address before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startE2E(): Promise<E2E> {
  // Never skip silently: a missing browser is a failed test that says how to fix it.
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium saknas (${CHROMIUM}). Installera den: sudo apt-get update && sudo apt-get install -y chromium (eller sätt CHROMIUM_PATH).`);
  }
  if (!existsSync(`${WEB_ROOT}/index.html`)) throw new Error('Webbappen är inte byggd: kör npm run build:web (npm test gör det själv).');
  mkdirSync(RESULTS, { recursive: true });
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const clientSecret = 'e2e-client-secret-e2e-client-secret';
  const idp = await startIdentityProvider({
    clients: [{ clientId: 'samplan', clientSecret, clientName: 'Samplan', redirectUris: [`${url}/auth/callback`], postLogoutRedirectUris: [`${url}/`] }],
    people: DEMO_PEOPLE,
  });
  const t = await startTestApp({
    webRoot: WEB_ROOT,
    oidc: { issuer: idp.issuer, clientId: 'samplan', clientSecret, redirectUrl: `${url}/auth/callback`, postLogoutRedirectUrl: `${url}/` },
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  // playwright-core's launch() gives every browser a fresh, empty profile directory of its own.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => { throw e; });
    return page;
  };
  /** From Samplan's sign-in page to the person's button on the identity provider's page. */
  const throughIdp = async (name: RegExp) => {
    const page = await newPage();
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Logga in i Samplan' }).waitFor();
    await page.getByRole('link', { name: 'Logga in', exact: true }).click();
    await page.waitForURL((u) => u.href.startsWith(`${idp.issuer}/interaction/`));
    await page.getByRole('button', { name }).first().click();
    return page;
  };
  return {
    t, url, browser, idp, newPage,
    async signIn(name, unit) {
      const page = await throughIdp(name);
      const landed = page.getByRole('heading', { level: 1, name: /^(Att göra|Välj uppdrag)$/ });
      await landed.waitFor();
      if ((await landed.textContent()) === 'Välj uppdrag') {
        const choices = page.getByRole('button').filter({ has: page.locator('strong') });
        await (unit ? choices.filter({ hasText: unit }) : choices).first().click();
      }
      await page.getByRole('heading', { name: 'Att göra', level: 1 }).waitFor();
      return page;
    },
    async signInCitizen(name) {
      const page = await throughIdp(name);
      await page.getByRole('heading', { level: 1, name: /^Välkommen/ }).waitFor();
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await t.close();
      await idp.close();
    },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: number; targets: string[] }

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is now. Injected through the DevTools
 * protocol (page.evaluate), so the page's own strict Content-Security-Policy stays on.
 * Returns the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE}\n;0`);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** A full-page screenshot under test-results/, named for the step. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${RESULTS}/${name}.png`, fullPage: true });
}
