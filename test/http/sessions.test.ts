/**
 * Signing in through the bundled identity provider (OpenID Connect, code flow with PKCE), and the
 * session that follows: the assignment it acts in, its timeouts, sign-out, CSRF, and what is
 * refused (expired, forged, replayed after sign-out, a state change without the CSRF token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PEOPLE } from '../../src/idp/demo-people.ts';
import { startIdentityProvider, type RunningIdentityProvider } from '../../src/idp/identity-provider.ts';
import { startTestApp, DEMO, type TestApp } from '../support/app.ts';
import { Browser, signInAction } from '../support/idp-browser.ts';
import { endSessionRow, hashToken } from '../../src/store/sessions.ts';
import { SESSION_TRUST_MS } from '../../src/services/auth/resume-session.ts';

const SAMPLAN = 'http://localhost:3000';
const CLIENT_SECRET = 'sessions-test-secret-0123456789abcdef';
const key = (name: string) => DEMO_PEOPLE.find((p) => p.name === name)!.key;
/** Every way Sofia Karlsson's identity number could be written (tokens are random: a bare "12 digits" pattern would match one by chance). */
const sofiasNumber = (() => {
  const n = (DEMO_PEOPLE.find((p) => p.name === 'Sofia Karlsson') as { identityNumber: string }).identityNumber;
  return new RegExp(`${n}|${n.slice(2)}|${n.slice(0, 8)}-${n.slice(8)}|${n.slice(2, 8)}-${n.slice(8)}`);
})();

interface SignedIn { callback: LightMyRequestResponse; session: string; csrf: string; cookie: string }

describe('signing in and the session', () => {
  let idp: RunningIdentityProvider;
  let t: TestApp;

  beforeAll(async () => {
    idp = await startIdentityProvider({
      clients: [{ clientId: 'samplan', clientSecret: CLIENT_SECRET, redirectUris: [`${SAMPLAN}/auth/callback`], postLogoutRedirectUris: [`${SAMPLAN}/`] }],
      people: DEMO_PEOPLE,
    });
    t = await startTestApp({
      oidc: { issuer: idp.issuer, clientId: 'samplan', clientSecret: CLIENT_SECRET, redirectUrl: `${SAMPLAN}/auth/callback`, postLogoutRedirectUrl: `${SAMPLAN}/` },
      sessionPolicy: { idleMinutes: 30, absoluteHours: 10 },
    });
  });
  afterAll(async () => { await t.close(); await idp.close(); });

  /** Samplan's /auth/sign-in, the IdP's page (choose `person`), and the way back to /auth/callback. */
  async function throughIdp(person: string, cookie = '') {
    const start = await t.app.inject({ method: 'GET', url: '/auth/sign-in', headers: cookie ? { cookie } : {} });
    expect(start.statusCode).toBe(303);
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const login = start.cookies.find((c) => c.name === 'samplan_login')!;
    expect(login).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth' });
    const browser = new Browser();
    const page = await browser.follow(authorize, idp.issuer);
    const back = await browser.follow(new URL(signInAction(await page.res.text()), idp.issuer), idp.issuer, { method: 'POST', form: { person } });
    const callback = new URL(back.url);
    expect(callback.origin + callback.pathname).toBe(`${SAMPLAN}/auth/callback`);
    return { query: callback.search, login: `samplan_login=${login.value}` };
  }

  async function signIn(person: string, previousCookie = ''): Promise<SignedIn> {
    const { query, login } = await throughIdp(person, previousCookie);
    const callback = await t.app.inject({ method: 'GET', url: `/auth/callback${query}`, headers: { cookie: [login, previousCookie].filter(Boolean).join('; ') } });
    const session = callback.cookies.find((c) => c.name === 'samplan_session')?.value ?? '';
    const csrf = callback.cookies.find((c) => c.name === 'samplan_csrf')?.value ?? '';
    return { callback, session, csrf, cookie: `samplan_session=${session}; samplan_csrf=${csrf}` };
  }

  const get = (s: { cookie: string }, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const post = (s: { cookie: string; csrf?: string }, url: string, body: unknown = {}, csrf: string | null = s.csrf ?? null) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) }, payload: JSON.stringify(body) });
  const audit = (event: string) => t.ctx.db.query<{ actor_kind: string; actor_unit_id: string | null; actor_role: string | null; network_address: string | null }>(
    'SELECT actor_kind, actor_unit_id, actor_role, network_address FROM audit_events WHERE event = $1 ORDER BY recorded_at DESC, seq DESC', [event]);

  describe('staff', () => {
    it('Karin Ek, with one assignment, lands on the worklist acting for Näsby skola', async () => {
      const karin = await signIn(key('Karin Ek'));
      expect(karin.callback.statusCode).toBe(303);
      expect(karin.callback.headers.location).toBe('/');
      const cookie = karin.callback.cookies.find((c) => c.name === 'samplan_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.secure).toBeFalsy();
      expect(karin.callback.cookies.find((c) => c.name === 'samplan_csrf')).toMatchObject({ sameSite: 'Strict' });
      const me = (await get(karin, '/api/me')).json();
      expect(me).toMatchObject({ kind: 'staff', name: 'Karin Ek', unitId: await t.unitId('Näsby skola'), role: 'staff', idleMinutes: 30 });
      expect((await get(karin, '/api/worklist')).statusCode).toBe(200);
      const [row] = await audit('session.sign_in');
      expect(row).toMatchObject({ actor_kind: 'staff', actor_unit_id: await t.unitId('Näsby skola'), actor_role: 'staff' });
    });

    it('Lena Svensson, with two assignments, chooses one; what she then does is audited for it', async () => {
      const lena = await signIn(key('Lena Svensson'));
      const me = (await get(lena, '/api/me')).json();
      expect(me.unitId).toBeNull();
      expect(me.assignments.map((a: { unitName: string }) => a.unitName).sort()).toEqual(['Elevhälsan Kristianstad', 'Näsby skola']);
      const refused = await get(lena, '/api/worklist');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('assignment_required');

      const school = await t.unitId('Näsby skola');
      expect((await post(lena, '/api/me/assignment', { unitId: school, role: 'staff' })).statusCode).toBe(200);
      expect((await get(lena, '/api/worklist')).statusCode).toBe(200);
      expect((await audit('session.assignment'))[0]).toMatchObject({ actor_unit_id: school, actor_role: 'staff' });
      const plans = (await get(lena, '/api/plans')).json();
      expect(plans.items.length).toBeGreaterThan(0);
      expect((await get(lena, `/api/plans/${plans.items[0].id}`)).statusCode).toBe(200);
      const [planRead] = await t.ctx.db.query<{ actor_unit_id: string; actor_role: string }>(
        "SELECT actor_unit_id, actor_role FROM audit_events WHERE event = 'plan.read' AND plan_id = $1 ORDER BY seq DESC LIMIT 1", [plans.items[0].id]);
      expect(planRead).toEqual({ actor_unit_id: school, actor_role: 'staff' });

      // Switching: to pupil health, never to a unit she has no assignment in.
      const pupilHealth = await t.unitId('Elevhälsan Kristianstad');
      expect((await post(lena, '/api/me/assignment', { unitId: pupilHealth, role: 'staff' })).statusCode).toBe(200);
      expect((await get(lena, '/api/me')).json().unitId).toBe(pupilHealth);
      expect((await audit('session.assignment'))[0]).toMatchObject({ actor_unit_id: pupilHealth, actor_role: 'staff' });
      const bup = await t.unitId('BUP Kristianstad');
      const foreign = await post(lena, '/api/me/assignment', { unitId: bup, role: 'staff' });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().problems[0].field).toBe('/unitId');
      expect((await get(lena, '/api/me')).json().unitId).toBe(pupilHealth);
    });

    it('someone not (or no longer) in Samplan comes back to the sign-in page with a reason', async () => {
      await t.ctx.db.query("UPDATE staff SET active = false WHERE hsa_id = 'SE2120001280-S01'");
      const fredrik = await signIn(key('Fredrik Lund'));
      await t.ctx.db.query("UPDATE staff SET active = true WHERE hsa_id = 'SE2120001280-S01'");
      expect(fredrik.callback.headers.location).toBe('/logga-in?fel=okand');
      expect(fredrik.session).toBe('');
    });
  });

  describe('citizens', () => {
    it('Sofia Karlsson signs in with BankID: a citizen session, never her identity number in a cookie, an answer or a redirect', async () => {
      const sofia = await signIn(key('Sofia Karlsson'));
      expect(sofia.callback.headers.location).toBe('/');
      const me = await get(sofia, '/api/me');
      expect(me.json()).toMatchObject({ kind: 'citizen', name: 'Sofia Karlsson' });
      for (const text of [me.body, sofia.cookie, JSON.stringify(sofia.callback.headers)]) expect(text).not.toMatch(sofiasNumber);
      // The staff API is not for citizens.
      expect((await get(sofia, '/api/worklist')).statusCode).toBe(403);
      const [row] = await audit('session.sign_in');
      expect(row!.actor_kind).toBe('citizen');
      const [stored] = await t.ctx.db.query<{ row: string }>("SELECT row_to_json(s)::text AS row FROM sessions s WHERE kind = 'citizen' ORDER BY created_at DESC LIMIT 1");
      expect(stored!.row).not.toMatch(sofiasNumber);
      expect(stored!.row).toContain('personId');
    });
  });

  describe('what is refused', () => {
    it('the session id is new at every sign-in, and the one the browser had before stops working', async () => {
      const first = await signIn(key('Johan Berg'));
      const second = await signIn(key('Johan Berg'), first.cookie);
      expect(second.session).not.toBe(first.session);
      expect((await get(first, '/api/me')).statusCode).toBe(401);
      expect((await get(second, '/api/me')).statusCode).toBe(200);
    });

    it('a callback without a sign-in started in this browser, with a changed state, or replayed, starts no session', async () => {
      const { query, login } = await throughIdp(key('Johan Berg'));
      const noLogin = await t.app.inject({ method: 'GET', url: `/auth/callback${query}` });
      expect(noLogin.headers.location).toBe('/logga-in?fel=gammal-lank');
      const forgedState = query.replace(/state=[^&]+/, 'state=somebody-elses-state');
      const bad = await t.app.inject({ method: 'GET', url: `/auth/callback${forgedState}`, headers: { cookie: login } });
      expect(bad.headers.location).toBe('/logga-in?fel=misslyckades');
      const ok = await t.app.inject({ method: 'GET', url: `/auth/callback${query}`, headers: { cookie: login } });
      expect(ok.headers.location).toBe('/');
      // The same code again: the IdP has used it up.
      const replay = await t.app.inject({ method: 'GET', url: `/auth/callback${query}`, headers: { cookie: login } });
      expect(replay.headers.location).toBe('/logga-in?fel=misslyckades');
      for (const r of [noLogin, bad, replay]) expect(r.cookies.find((c) => c.name === 'samplan_session')).toBeUndefined();
    });

    it('cancelling at the identity provider comes back as "avbruten"', async () => {
      const start = await t.app.inject({ method: 'GET', url: '/auth/sign-in' });
      const login = `samplan_login=${start.cookies.find((c) => c.name === 'samplan_login')!.value}`;
      const browser = new Browser();
      const page = await browser.follow(start.headers.location as string, idp.issuer);
      const abort = /action="([^"]+\/abort)"/.exec(await page.res.text())![1]!;
      const back = await browser.follow(new URL(abort, idp.issuer), idp.issuer, { method: 'POST', form: {} });
      const res = await t.app.inject({ method: 'GET', url: `/auth/callback${new URL(back.url).search}`, headers: { cookie: login } });
      expect(res.headers.location).toBe('/logga-in?fel=avbruten');
    });

    it('a forged cookie: a random token, or the signed JSON cookie of the old development sessions', async () => {
      const random = { cookie: `samplan_session=${'A'.repeat(43)}` };
      expect((await get(random, '/api/me')).statusCode).toBe(401);
      const oldStyle = { cookie: `samplan_session=${Buffer.from(JSON.stringify({ staffId: await t.staffId(DEMO.teacherKristianstad), county: '12', unitId: await t.unitId('Näsby skola'), role: 'staff', exp: Date.now() + 3_600_000 })).toString('base64url')}.c2lnbmF0dXJl` };
      expect((await get(oldStyle, '/api/me')).statusCode).toBe(401);
    });

    it('expired: 30 idle minutes end the session, for good; activity keeps it alive up to the absolute limit of 10 hours', async () => {
      const johan = await signIn(key('Johan Berg'));
      t.clock.offsetMs = 29 * 60_000;
      expect((await get(johan, '/api/me')).statusCode).toBe(200);
      t.clock.offsetMs = 58 * 60_000;
      expect((await get(johan, '/api/me')).statusCode).toBe(200);
      t.clock.offsetMs = 89 * 60_000;
      expect((await get(johan, '/api/me')).statusCode).toBe(401);
      // Back within the idle window it stays over: the session ended.
      t.clock.offsetMs = 60 * 60_000;
      expect((await get(johan, '/api/me')).statusCode).toBe(401);
      const [row] = await t.ctx.db.query<{ ended_reason: string }>("SELECT ended_reason FROM sessions WHERE ended_reason = 'idle'");
      expect(row).toBeDefined();

      t.clock.offsetMs = 0;
      const busy = await signIn(key('Johan Berg'));
      for (let minutes = 20; minutes < 10 * 60; minutes += 20) {
        t.clock.offsetMs = minutes * 60_000;
        expect((await get(busy, '/api/me')).statusCode, `after ${minutes} minutes`).toBe(200);
      }
      t.clock.offsetMs = 10 * 60 * 60_000;
      expect((await get(busy, '/api/me')).statusCode).toBe(401);
      t.clock.offsetMs = 0;
    });

    it('a session ended by another server process stops working in this one within seconds', async () => {
      const johan = await signIn(key('Johan Berg'));
      expect((await get(johan, '/api/me')).statusCode).toBe(200);
      // Another process signs him out: the row changes, this process is not told.
      expect(await endSessionRow(t.ctx.db, hashToken(johan.session), new Date(), 'signed_out')).toBe(true);
      t.clock.offsetMs = SESSION_TRUST_MS;
      expect((await get(johan, '/api/me')).statusCode).toBe(401);
      expect((await post(johan, '/api/notifications/read-all')).statusCode).toBe(401);
      t.clock.offsetMs = 0;
      expect((await get(johan, '/api/me')).statusCode).toBe(401);
    });

    it('a state-changing request without the CSRF token, or with another session\'s, is refused and changes nothing', async () => {
      const johan = await signIn(key('Johan Berg'));
      const other = await signIn(key('Karin Ek'));
      const count = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]!.n;
      const before = await count();
      const body = { identityNumber: '201201052383', givenName: 'Test', familyName: 'Testsson' };
      for (const csrf of [null, other.csrf, 'x'.repeat(43)]) {
        const res = await post(johan, '/api/persons', body, csrf);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('csrf');
      }
      expect(await count()).toBe(before);
      // With the right token the same request goes through to validation and beyond.
      expect((await post(johan, '/api/persons', body)).statusCode).not.toBe(403);
    });

    it('sign-out ends the session here and sends the browser to the IdP; the cookie is then worthless', async () => {
      const johan = await signIn(key('Johan Berg'));
      const withoutCsrf = await post(johan, '/api/sign-out', {}, null);
      expect(withoutCsrf.statusCode).toBe(403);
      expect((await get(johan, '/api/me')).statusCode).toBe(200);

      const out = await post(johan, '/api/sign-out');
      expect(out.statusCode).toBe(200);
      const redirect = new URL(out.json().redirect);
      expect(redirect.origin).toBe(idp.issuer);
      expect(redirect.searchParams.get('client_id')).toBe('samplan');
      expect(redirect.searchParams.get('post_logout_redirect_uri')).toBe(`${SAMPLAN}/`);
      expect(redirect.searchParams.has('id_token_hint')).toBe(false);
      expect(out.cookies.find((c) => c.name === 'samplan_session')!.value).toBe('');
      // Replayed after sign-out: refused, for reading and for writing.
      expect((await get(johan, '/api/me')).statusCode).toBe(401);
      expect((await post(johan, '/api/notifications/read-all')).statusCode).toBe(401);
      expect((await audit('session.sign_out'))[0]!.actor_kind).toBe('staff');
    });
  });
});

describe('outside localhost, in production, and under load', () => {
  it('cookies are Secure when the server says so', async () => {
    const t = await startTestApp({ secureCookies: true });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/dev/sign-in', payload: { hsaId: DEMO.teacherKristianstad } });
      for (const name of ['samplan_session', 'samplan_csrf']) expect(res.cookies.find((c) => c.name === name)!.secure).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('without development mode there is no development sign-in, and /auth/sign-in without an IdP says so', async () => {
    const t = await startTestApp({ devSignIn: false });
    try {
      expect((await t.app.inject({ method: 'POST', url: '/api/dev/sign-in', payload: { hsaId: DEMO.teacherKristianstad } })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/dev/users' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/auth/sign-in' })).headers.location).toBe('/logga-in?fel=ej-konfigurerad');
    } finally {
      await t.close();
    }
  });

  it('rate limits: sign-in attempts per address, and requests per session, answered 429 with a reason', async () => {
    const t = await startTestApp({ rateLimit: { perMinute: 5, signInPerMinute: 3 } });
    try {
      const signIn = () => t.app.inject({ method: 'POST', url: '/api/dev/sign-in', payload: { hsaId: DEMO.teacherKristianstad } });
      const a = await signIn();
      const b = await signIn();
      const cookieOf = (r: LightMyRequestResponse) => `samplan_session=${r.cookies.find((c) => c.name === 'samplan_session')!.value}`;
      const me = (r: LightMyRequestResponse) => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieOf(r) } });
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await me(a)).statusCode);
      expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
      // Another session (another person) is not held back by the first one.
      expect((await me(b)).statusCode).toBe(200);
      expect((await signIn()).statusCode).toBe(200);
      const limited = await signIn();
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(limited.json().detail).toMatch(/Vänta \d+ sekunder/);
    } finally {
      await t.close();
    }
});
});
