/**
 * The bundled local identity provider: an OpenID Connect provider (oidc-provider) that stands in
 * for SITHS eID (staff) and BankID (citizens) on a laptop and in tests. Its sign-in page lists the
 * demo people; choosing one signs in as them.
 *
 * What it promises a client such as Samplan:
 * - Authorization code flow only, PKCE with S256 required of every client (also confidential ones),
 *   codes valid for 60 seconds and usable once.
 * - Staff: `name`, `hsa_id`; acr LoA3 and amr ["siths"]. Citizens: `name`, `given_name`,
 *   `family_name`, `personal_identity_number` (12 digits); acr LoA3 and amr ["bankid"]. The claims
 *   are in the ID token and at userinfo; `hsa_id` and `personal_identity_number` need the scope
 *   `samplan`, the names `profile`.
 * - `sub` is a pseudonym (HMAC-SHA-256 of the person's natural id under a secret of this IdP), never
 *   the personal identity number, which travels only inside the ID token and the userinfo answer:
 *   never in a URL, a page or a log line.
 * - RP-initiated logout at the discovery document's `end_session_endpoint`, back to a registered
 *   post_logout_redirect_uri, so that signing out of Samplan ends the IdP session too. The browser
 *   GETs it, so send `client_id` rather than `id_token_hint`: a citizen's ID token holds their
 *   identity number and must not end up in a URL. The IdP asks the user to confirm the sign-out.
 *
 * Everything is held in memory (see memory-adapter.ts): it is the demo IdP, not a production one.
 */
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Account, type AccountClaims, type ClientMetadata, type Configuration, type OidcContext } from 'oidc-provider';
import type { DemoPerson } from './demo-people.ts';
import { createMemoryAdapter } from './memory-adapter.ts';
import { errorPage, logoutPage, signInPage, signedOutPage, STYLESHEET, STYLESHEET_PATH } from './pages.ts';

export type { DemoPerson } from './demo-people.ts';

/**
 * Level of assurance 3, the level of SITHS eID and BankID in the Swedish trust framework
 * (Myndigheten för digital förvaltning, "Tillitsramverk för Svensk e-legitimation").
 */
export const ACR_LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';
/** `amr` of a staff sign-in: SITHS eID card. */
export const AMR_SITHS = 'siths';
/** `amr` of a citizen sign-in: BankID. */
export const AMR_BANKID = 'bankid';
/** The scopes a client asks for to receive every claim. */
export const IDP_SCOPES = 'openid profile samplan';

/** A client registered at the IdP (statically; there is no dynamic registration). */
export interface IdentityProviderClient {
  clientId: string;
  /** Set: a confidential client. Unset: a public client (token_endpoint_auth_method "none"). */
  clientSecret?: string;
  /** How a confidential client authenticates at the token endpoint; default client_secret_basic. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Shown on the sign-in and sign-out pages, e.g. "Samplan". */
  clientName?: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface IdentityProviderOptions {
  /** 0 = any free port (tests). Default 0. */
  port?: number;
  /** The address to listen on; default 127.0.0.1 (a demo IdP is not for other machines). */
  host?: string;
  /** Default `http://localhost:<port>`. */
  issuer?: string;
  clients: IdentityProviderClient[];
  people: readonly DemoPerson[];
  /**
   * The secret the pseudonymous `sub` is derived with. Default: random at every start, so a `sub`
   * is stable for the life of the process; pass one to keep it stable across restarts.
   */
  subjectSecret?: string;
}

export interface RunningIdentityProvider {
  issuer: string;
  port: number;
  /** The `sub` this IdP gives a person (for tests and for linking accounts). */
  subjectOf(person: DemoPerson): string;
  close(): Promise<void>;
}

const SUPPORTED_SCOPES = new Set(IDP_SCOPES.split(' '));
const MAX_FORM_BYTES = 2048;

/**
 * Starts the identity provider on its own node:http server and resolves once it listens.
 *
 * A client (Samplan, with openid-client) then does discovery at `issuer`, sends the user to the
 * authorization endpoint with `scope=openid profile samplan`, `code_challenge` (S256) and `state`,
 * and exchanges the code with its secret and the code verifier.
 */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://localhost:${port}`;

  const subjectSecret = options.subjectSecret ?? randomBytes(32).toString('base64url');
  const subjectOf = (person: DemoPerson): string =>
    createHmac('sha256', subjectSecret).update(person.kind === 'staff' ? `staff:${person.hsaId}` : `citizen:${person.identityNumber}`).digest('base64url');
  const bySubject = new Map(options.people.map((p) => [subjectOf(p), p]));
  const byKey = new Map(options.people.map((p) => [p.key, p]));
  if (byKey.size !== options.people.length) throw new Error('startIdentityProvider: two demo people share a key');

  const clientNames = new Map(options.clients.map((c) => [c.clientId, c.clientName]));
  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration(options, bySubject, clientNames));
  } catch (error) {
    server.close();
    throw error;
  }
  // Errors inside oidc-provider: print the message only (never a request, which may carry tokens).
  provider.on('server_error', (_ctx: unknown, error: unknown) => {
    console.error('identity provider error:', error instanceof Error ? error.message : error);
  });
  const providerListener = provider.callback();
  const csp = contentSecurityPolicy(options.clients);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    securityHeaders(res, csp);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const interaction = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|abort))?$/.exec(path);
    let handled: Promise<void>;
    if (path === STYLESHEET_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      handled = Promise.resolve(send(res, 200, 'text/css; charset=utf-8', STYLESHEET, 'public, max-age=3600'));
    } else if (path === '/favicon.ico') {
      res.statusCode = 204;
      res.end();
      handled = Promise.resolve();
    } else if (interaction) {
      handled = handleInteraction(req, res, interaction[1]!, interaction[2]);
    } else {
      handled = providerListener(req, res);
    }
    handled.catch((error: unknown) => {
      console.error('identity provider error:', error instanceof Error ? error.message : error);
      if (!res.headersSent) send(res, 500, 'text/html; charset=utf-8', errorPage({ error: 'server_error' }));
      else res.end();
    });
  });

  /** The sign-in page (GET), the choice of a person (POST …/login) and cancelling (POST …/abort). */
  async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (error) {
      if (error instanceof errors.SessionNotFound) {
        send(res, 400, 'text/html; charset=utf-8', errorPage({ error: 'interaction_expired', error_description: 'Inloggningen har gått ut eller gjordes i en annan webbläsare. Börja om från Samplan.' }));
        return;
      }
      throw error;
    }
    if (details.uid !== uid) {
      send(res, 400, 'text/html; charset=utf-8', errorPage({ error: 'invalid_request', error_description: 'Inloggningen hör inte till den här webbläsaren.' }));
      return;
    }
    const clientId = details.params.client_id;
    const requestedScopes = String(details.params.scope ?? '').split(' ').filter((s) => SUPPORTED_SCOPES.has(s));

    const grantScopes = async (accountId: string, grantId?: string): Promise<string> => {
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      // Samplan is the IdP's own first-party client: what it asks for is granted without a consent page.
      const grant = existing ?? new provider.Grant({ accountId, clientId });
      grant.addOIDCScope(requestedScopes.join(' '));
      return grant.save();
    };

    if (action === undefined) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
      if (details.prompt.name === 'consent' && details.session) {
        // Already signed in here, only the grant is missing (e.g. a new scope): grant and continue.
        const grantId = await grantScopes(details.session.accountId, details.grantId);
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      const page = signInPage({
        action: `/interaction/${uid}/login`, abortAction: `/interaction/${uid}/abort`,
        people: options.people, clientName: clientNames.get(clientId),
      });
      send(res, 200, 'text/html; charset=utf-8', page);
      return;
    }

    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    if (action === 'abort') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Inloggningen avbröts.' }, { mergeWithLastSubmission: false });
      return;
    }
    const form = await readForm(req);
    const person = form ? byKey.get(form.get('person') ?? '') : undefined;
    if (!person) {
      send(res, 400, 'text/html; charset=utf-8', errorPage({ error: 'invalid_request', error_description: 'Välj en person i listan.' }));
      return;
    }
    const accountId = subjectOf(person);
    const grantId = await grantScopes(accountId);
    await provider.interactionFinished(req, res, {
      // remember: false makes the IdP session a browser-session cookie: closing the browser ends it.
      login: { accountId, acr: ACR_LOA3, amr: [person.kind === 'staff' ? AMR_SITHS : AMR_BANKID], remember: false },
      consent: { grantId },
    }, { mergeWithLastSubmission: false });
  }

  return {
    issuer,
    port,
    subjectOf,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}

/** The oidc-provider configuration: code flow with PKCE, the scopes and claims, pages, keys, lifetimes. */
function configuration(options: IdentityProviderOptions, bySubject: Map<string, DemoPerson>, clientNames: Map<string, string | undefined>): Configuration {
  // A fresh ES256 signing key at every start; clients fetch it from the jwks_uri.
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const nameOf = (ctx: OidcContext) => {
    const id = ctx.oidc.client?.clientId;
    return id === undefined ? undefined : clientNames.get(id) ?? id;
  };
  return {
    adapter: createMemoryAdapter(),
    jwks: { keys: [{ ...jwk, kid: randomUUID(), alg: 'ES256', use: 'sig' }] },
    clients: options.clients.map(clientMetadata),
    clientDefaults: { grant_types: ['authorization_code'], response_types: ['code'], id_token_signed_response_alg: 'ES256' },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: [...SUPPORTED_SCOPES],
    claims: {
      openid: ['sub', 'acr', 'amr'],
      profile: ['name', 'given_name', 'family_name'],
      samplan: ['hsa_id', 'personal_identity_number'],
    },
    acrValues: [ACR_LOA3],
    // The claims go into the ID token too (not only to userinfo), so Samplan needs one round trip.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const person = bySubject.get(sub);
      return person ? account(sub, person) : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: OidcContext, form: string) => { ctx.type = 'html'; ctx.body = logoutPage({ form, clientName: nameOf(ctx) }); },
        postLogoutSuccessSource: (ctx: OidcContext) => { ctx.type = 'html'; ctx.body = signedOutPage(); },
      },
    },
    renderError: (ctx, out) => { ctx.type = 'html'; ctx.body = errorPage(out); },
    clientBasedCORS: () => false,
    cookies: {
      // Signed cookies. Named for the IdP: on localhost, cookies are shared between ports, so the
      // names must not collide with Samplan's own.
      keys: [randomBytes(32).toString('base64url')],
      names: { session: 'samplan_idp_session', interaction: 'samplan_idp_interaction', resume: 'samplan_idp_resume' },
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 10 * 60,
      IdToken: 10 * 60,
      Interaction: 10 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
  };
}

function clientMetadata(c: IdentityProviderClient): ClientMetadata {
  return {
    client_id: c.clientId,
    ...(c.clientName ? { client_name: c.clientName } : {}),
    ...(c.clientSecret
      ? { client_secret: c.clientSecret, token_endpoint_auth_method: c.tokenEndpointAuthMethod ?? 'client_secret_basic' }
      : { token_endpoint_auth_method: 'none' }),
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
  };
}

/** The claims of one demo person; oidc-provider keeps those the granted scopes allow. */
function account(sub: string, person: DemoPerson): Account {
  const claims: AccountClaims = person.kind === 'staff'
    ? { sub, name: person.name, hsa_id: person.hsaId }
    : { sub, name: person.name, given_name: person.givenName, family_name: person.familyName, personal_identity_number: person.identityNumber };
  return { accountId: sub, claims: () => claims };
}

/**
 * No script anywhere; styles only from the IdP's own stylesheet. oidc-provider's one auto-submitting
 * form (sign-out without a session) adds the hash of its script to `script-src` itself. Forms may
 * post (and be redirected) to the IdP and to the registered clients only.
 */
function contentSecurityPolicy(clients: IdentityProviderClient[]): string {
  const origins = new Set<string>();
  for (const c of clients) for (const uri of [...c.redirectUris, ...c.postLogoutRedirectUris]) origins.add(new URL(uri).origin);
  return [
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
    `form-action 'self' ${[...origins].join(' ')}`.trim(), "frame-ancestors 'none'", "base-uri 'none'",
  ].join('; ');
}

function securityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // The redirect back to the client carries the code: never leak it (or anything) in a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function send(res: ServerResponse, status: number, type: string, body: string, cacheControl = 'no-store'): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', cacheControl);
  res.end(body);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
}

/** An application/x-www-form-urlencoded body of at most MAX_FORM_BYTES, or null. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
