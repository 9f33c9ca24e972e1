/**
 * The bundled identity provider, driven like a browser and a relying party would: openid-client for
 * discovery, the authorization URL (PKCE S256 + state) and the code exchange; plain fetch with a
 * cookie jar and hand-followed redirects for the browser's part, including the sign-in page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { DEMO_PEOPLE, DEMO_UNIT_NAMES, type DemoCitizen, type DemoPerson, type DemoStaff } from '../../src/idp/demo-people.ts';
import { ACR_LOA3, AMR_BANKID, AMR_SITHS, IDP_SCOPES, startIdentityProvider, type RunningIdentityProvider } from '../../src/idp/identity-provider.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { testIdentityNumber } from '../../src/seed/demo-plans.ts';
import { DEMO_STAFF } from '../../src/seed/demo-organisation.ts';
import { systemClock } from '../../src/services/context.ts';
import { createTestDatabase } from '../support/database.ts';
import { Browser, signInAction } from '../support/idp-browser.ts';

const CLIENT_ID = 'samplan-test';
const CLIENT_SECRET = 'a-test-secret-of-enough-length-0123456789';
// Never fetched: the test stops at the redirect and hands its URL to openid-client.
const SAMPLAN = 'http://localhost:39999';
const REDIRECT_URI = `${SAMPLAN}/auth/callback`;
const POST_LOGOUT_URI = `${SAMPLAN}/`;

/**
 * Any demo citizen's identity number, in any of the ways it is written. (A bare "twelve digits"
 * would now and then match a random token on a page: the pages carry CSRF tokens.)
 */
const TWELVE_DIGITS = new RegExp(DEMO_PEOPLE.flatMap((p) => p.kind === 'citizen'
  ? [p.identityNumber, p.identityNumber.slice(2), `${p.identityNumber.slice(0, 8)}-${p.identityNumber.slice(8)}`, `${p.identityNumber.slice(2, 8)}-${p.identityNumber.slice(8)}`]
  : []).join('|'));

const staff = (hsaId: string) => DEMO_PEOPLE.find((p): p is DemoStaff => p.kind === 'staff' && p.hsaId === hsaId)!;
const citizen = (name: string) => DEMO_PEOPLE.find((p): p is DemoCitizen => p.kind === 'citizen' && p.name === name)!;

describe('the bundled identity provider', () => {
  let idp: RunningIdentityProvider;
  let config: oidc.Configuration;

  beforeAll(async () => {
    idp = await startIdentityProvider({
      port: 0,
      clients: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, clientName: 'Samplan', redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [POST_LOGOUT_URI] },
        { clientId: 'samplan-post', clientSecret: CLIENT_SECRET, tokenEndpointAuthMethod: 'client_secret_post', redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [POST_LOGOUT_URI] },
      ],
      people: DEMO_PEOPLE,
    });
    config = await oidc.discovery(new URL(idp.issuer), CLIENT_ID, undefined, oidc.ClientSecretBasic(CLIENT_SECRET), { execute: [oidc.allowInsecureRequests] });
  });
  afterAll(() => idp.close());

  /** A fresh authorization request: PKCE S256 and state, as Samplan will send it. */
  async function authorizationRequest(cfg = config) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(cfg, {
      redirect_uri: REDIRECT_URI, scope: IDP_SCOPES, state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    return { url, verifier, state };
  }

  /** Opens the sign-in page of a new authorization request. */
  async function openSignInPage(browser = new Browser(), cfg = config) {
    const request = await authorizationRequest(cfg);
    const { res, url } = await browser.follow(request.url, idp.issuer);
    expect(res.status).toBe(200);
    expect(url).toMatch(new RegExp(`^${idp.issuer}/interaction/[\\w-]+$`));
    return { ...request, browser, res, html: await res.text() };
  }

  /** Signs in as `person` through the page; returns the URL the IdP sends the browser back to. */
  async function signInAs(person: DemoPerson, cfg = config) {
    const page = await openSignInPage(new Browser(), cfg);
    const back = await page.browser.follow(new URL(signInAction(page.html), idp.issuer), idp.issuer, { method: 'POST', form: { person: person.key } });
    expect(back.res.status).toBe(303);
    expect(back.url.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    return { ...page, callbackUrl: new URL(back.url) };
  }

  describe('the sign-in page', () => {
    let page: Awaited<ReturnType<typeof openSignInPage>>;
    beforeAll(async () => { page = await openSignInPage(); });

    it('lists the staff by unit with their title, among them Karin Ek at Näsby skola', () => {
      const section = /<h3 id="[^"]+">Näsby skola<\/h3>\s*<ul class="people">(.*?)<\/ul>/s.exec(page.html);
      expect(section, 'a heading for Näsby skola followed by its people').not.toBeNull();
      expect(section![1]).toMatch(/<button type="submit" class="person" name="person" value="SE2120001290-K01"><span class="name">Karin Ek<\/span> <span class="detail">Lärare<\/span><\/button>/);
      // Lena Svensson belongs to two units and is listed under both.
      expect(section![1]).toContain('Lena Svensson');
      expect(page.html).toMatch(/<h3 id="[^"]+">Elevhälsan Kristianstad<\/h3>\s*<ul class="people">[^]*?Lena Svensson/);
    });

    it('lists the guardians and the children who sign in themselves by name and year of birth, and never an identity number', () => {
      expect(page.html).toContain('<h2 id="vardnadshavare">Vårdnadshavare (BankID)</h2>');
      expect(page.html).toMatch(/<h2 id="barn">Barn och unga \(BankID\)<\/h2>\s*<ul class="people">[^]*?<span class="name">Ebba Johansson<\/span> <span class="detail">född 2012<\/span>/);
      expect(page.html).toMatch(/<span class="name">Sofia Karlsson<\/span> <span class="detail">född 1984<\/span>/);
      for (const p of DEMO_PEOPLE) if (p.kind === 'citizen') expect(page.html).not.toContain(p.identityNumber.slice(2));
      expect(page.html).not.toMatch(TWELVE_DIGITS);
    });

    it('is a Swedish page with real buttons and no script or inline style, under a strict CSP', async () => {
      expect(page.html).toMatch(/^<!DOCTYPE html>\s*<html lang="sv">/);
      expect(page.html).not.toMatch(/<script|\sstyle=|<style|\son[a-z]+=/i);
      expect(page.html).toContain('<button type="submit" class="secondary">Avbryt inloggningen</button>');
      const csp = page.res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain(`form-action 'self' ${SAMPLAN}`);
      expect(page.res.headers.get('cache-control')).toBe('no-store');
      const css = await fetch(new URL('/idp.css', idp.issuer));
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    });

    it('refuses a person who is not in the list', async () => {
      const res = await page.browser.request(new URL(signInAction(page.html), idp.issuer), { method: 'POST', form: { person: '198406022822' } });
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(TWELVE_DIGITS);
    });

    it('does not let another browser (without the interaction cookie) use the page', async () => {
      const res = await new Browser().request(new URL(signInAction(page.html), idp.issuer), { method: 'POST', form: { person: 'SE2120001290-K01' } });
      expect(res.status).toBe(400);
    });
  });

  it('signs a staff member in with name and HSA-id, SITHS as the method', async () => {
    const karin = staff('SE2120001290-K01');
    const { callbackUrl, verifier, state } = await signInAs(karin);
    expect(callbackUrl.searchParams.get('state')).toBe(state);
    expect(callbackUrl.searchParams.get('code')).toBeTruthy();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: idp.issuer, aud: CLIENT_ID, name: 'Karin Ek', hsa_id: 'SE2120001290-K01', acr: ACR_LOA3, amr: [AMR_SITHS] });
    expect(claims).not.toHaveProperty('personal_identity_number');
    expect(claims.sub).toBe(idp.subjectOf(karin));
    expect(claims.sub).not.toBe(karin.hsaId);
  });

  it('signs a guardian in with name and personal identity number, BankID as the method, and a pseudonymous sub', async () => {
    const sofia = citizen('Sofia Karlsson');
    const { callbackUrl, verifier, state, browser } = await signInAs(sofia);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      name: 'Sofia Karlsson', given_name: 'Sofia', family_name: 'Karlsson',
      personal_identity_number: testIdentityNumber('1984-06-02', '282'), acr: ACR_LOA3, amr: [AMR_BANKID],
    });
    expect(claims.personal_identity_number).toMatch(/^\d{12}$/);
    expect(claims.sub).not.toBe(sofia.identityNumber);
    expect(claims.sub).not.toMatch(TWELVE_DIGITS);
    expect(claims).not.toHaveProperty('hsa_id');
    // The number travels in the token and the userinfo answer only: in no URL the browser saw.
    for (const url of [...browser.visited, callbackUrl.href]) expect(url).not.toContain(sofia.identityNumber.slice(2, 10));
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({ sub: claims.sub, name: 'Sofia Karlsson', personal_identity_number: sofia.identityNumber });
  });

  it('accepts a client that authenticates with client_secret_post', async () => {
    const cfg = await oidc.discovery(new URL(idp.issuer), 'samplan-post', undefined, oidc.ClientSecretPost(CLIENT_SECRET), { execute: [oidc.allowInsecureRequests] });
    const { callbackUrl, verifier, state } = await signInAs(staff('SE2120001290-S01'), cfg);
    const tokens = await oidc.authorizationCodeGrant(cfg, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).toMatchObject({ aud: 'samplan-post', name: 'Johan Berg', hsa_id: 'SE2120001290-S01' });
  });

  it('refuses an authorization request without a code_challenge', async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: IDP_SCOPES, state: oidc.randomState() });
    const { url: landed } = await new Browser().follow(url, idp.issuer);
    const back = new URL(landed);
    expect(back.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('refuses a plain (non-S256) code challenge', async () => {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI, scope: IDP_SCOPES, state: oidc.randomState(),
      code_challenge: oidc.randomPKCECodeVerifier(), code_challenge_method: 'plain',
    });
    const { url: landed } = await new Browser().follow(url, idp.issuer);
    expect(new URL(landed).searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a wrong code_verifier, and a code used twice', async () => {
    const { callbackUrl, state } = await signInAs(staff('SE2120001290-K01'));
    await expect(oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: state }))
      .rejects.toMatchObject({ error: 'invalid_grant' });
    const again = await signInAs(staff('SE2120001290-K01'));
    await oidc.authorizationCodeGrant(config, again.callbackUrl, { pkceCodeVerifier: again.verifier, expectedState: again.state });
    await expect(oidc.authorizationCodeGrant(config, again.callbackUrl, { pkceCodeVerifier: again.verifier, expectedState: again.state }))
      .rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a callback whose state does not match (checked by the client)', async () => {
    const { callbackUrl, verifier } = await signInAs(staff('SE2120001290-K01'));
    await expect(oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: oidc.randomState() })).rejects.toThrow();
  });

  it('ends the IdP session at end_session with id_token_hint and returns to the post-logout URI', async () => {
    const karin = staff('SE2120001290-K01');
    const signedIn = await signInAs(karin);
    const { browser } = signedIn;
    const tokens = await oidc.authorizationCodeGrant(config, signedIn.callbackUrl, { pkceCodeVerifier: signedIn.verifier, expectedState: signedIn.state });

    // While the IdP session lasts, a new authorization request comes straight back with a code.
    const sso = await authorizationRequest();
    const silent = await browser.follow(sso.url, idp.issuer);
    expect(new URL(silent.url).searchParams.get('code')).toBeTruthy();

    const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: POST_LOGOUT_URI, state: 'after-logout' });
    const confirm = await browser.follow(endSession, idp.issuer);
    expect(confirm.res.status).toBe(200);
    const html = await confirm.res.text();
    expect(html).toMatch(/<html lang="sv">/);
    expect(html).toContain('Ja, logga ut');
    expect(html).not.toMatch(/<script/i);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;

    const out = await browser.follow(action, idp.issuer, { method: 'POST', form: { xsrf, logout: 'yes' } });
    expect(out.res.status).toBe(303);
    expect(out.url).toBe(`${POST_LOGOUT_URI}?state=after-logout`);

    // The session is gone: the next authorization request asks who is signing in.
    await openSignInPage(browser);
  });

  it('signs a guardian out by client_id, without their ID token (which holds the identity number) in any URL', async () => {
    // A browser can only GET end_session here (oidc-provider takes POST only with SameSite=None
    // cookies, which need https), so an id_token_hint would put the citizen's ID token in the URL.
    const sofia = citizen('Sofia Karlsson');
    const { browser, callbackUrl, verifier, state } = await signInAs(sofia);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    const byClient = oidc.buildEndSessionUrl(config, { client_id: CLIENT_ID, post_logout_redirect_uri: POST_LOGOUT_URI, state: 's1' });
    const confirm = await browser.follow(byClient, idp.issuer);
    expect(confirm.res.status).toBe(200);
    const html = await confirm.res.text();
    expect(html).not.toMatch(TWELVE_DIGITS);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const out = await browser.follow(action, idp.issuer, { method: 'POST', form: { xsrf, logout: 'yes' } });
    expect(out.url).toBe(`${POST_LOGOUT_URI}?state=s1`);
    await openSignInPage(browser);
    for (const url of browser.visited) {
      expect(url).not.toContain(tokens.id_token!.split('.')[1]!.slice(0, 20));
      expect(url).not.toContain(sofia.identityNumber.slice(2, 10));
    }
  });

  it('refuses end_session to an unregistered post-logout URI', async () => {
    const { callbackUrl, verifier, state, browser } = await signInAs(staff('SE2120001290-K01'));
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    const url = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://evil.example/' });
    const res = await browser.request(url);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('the demo people are the seeded people', () => {
  it('staff (HSA-id, name, units, roles) and guardians (names, birth dates, numbers) as in the seeded database', async () => {
    const database = await createTestDatabase();
    try {
      await seedDemo({ db: database.db, clock: systemClock });
      const rows = await database.db.query<{ hsa_id: string; name: string; unit: string; role: string }>(
        `SELECT s.hsa_id, s.name, u.name AS unit, m.role FROM staff s JOIN memberships m ON m.county = s.county AND m.staff_id = s.id
           JOIN units u ON u.county = m.county AND u.id = m.unit_id ORDER BY s.hsa_id, u.name`);
      const fromIdp = DEMO_PEOPLE.filter((p): p is DemoStaff => p.kind === 'staff')
        .flatMap((p) => p.units.map((u) => ({ hsa_id: p.hsaId, name: p.name, unit: u.name, role: u.role })))
        .sort((a, b) => (a.hsa_id + a.unit < b.hsa_id + b.unit ? -1 : 1));
      expect(fromIdp).toEqual(rows.map((r) => ({ ...r })).sort((a, b) => (a.hsa_id + a.unit < b.hsa_id + b.unit ? -1 : 1)));
      expect(fromIdp.map((s) => s.hsa_id)).toEqual(expect.arrayContaining(DEMO_STAFF.map((s) => s.hsaId)));
      // Every unit name the IdP knows is a seeded unit.
      const units = await database.db.query<{ name: string }>('SELECT name FROM units');
      expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(Object.values(DEMO_UNIT_NAMES)));

      // Citizens: exactly the seeded guardians, with the same names, birth dates and numbers.
      const guardians = await database.db.query<{ given_name: string; family_name: string; identity_number: string; birth_date: string }>(
        `SELECT DISTINCT p.given_name, p.family_name, p.identity_number, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date
           FROM persons p JOIN guardianships g ON g.county = p.county AND g.guardian_id = p.id ORDER BY p.identity_number`);
      const citizens = (role: DemoCitizen['role']) => DEMO_PEOPLE.filter((p): p is DemoCitizen => p.kind === 'citizen' && p.role === role)
        .map((c) => ({ given_name: c.givenName, family_name: c.familyName, identity_number: c.identityNumber, birth_date: c.birthDate }))
        .sort((a, b) => a.identity_number.localeCompare(b.identity_number));
      expect(citizens('guardian')).toEqual(guardians.map((g) => ({ ...g })));
      // The children who sign in themselves are children of seeded plans, in the same way.
      const children = await database.db.query<{ given_name: string; family_name: string; identity_number: string; birth_date: string }>(
        `SELECT p.given_name, p.family_name, p.identity_number, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date
           FROM persons p WHERE p.identity_number = ANY($1::text[]) AND EXISTS (SELECT 1 FROM plans pl WHERE pl.county = p.county AND pl.child_id = p.id)
           ORDER BY p.identity_number`, [citizens('child').map((c) => c.identity_number)]);
      expect(citizens('child')).toHaveLength(2);
      expect(citizens('child')).toEqual(children.map((c) => ({ ...c })));
    } finally {
      await database.drop();
    }
  });
});
