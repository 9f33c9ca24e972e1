/**
 * The browser's way in: /auth/sign-in sends it to the identity provider, /auth/callback takes it
 * back, starts the session and opens the web app. Outside /api because these are page
 * navigations, not JSON calls; errors come back to the sign-in page as a code, never as details.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from '../app.ts';
import { SESSION_COOKIE, setSessionCookies } from '../session.ts';
import { SignInError, type PendingSignIn } from '../oidc.ts';
import { signInStaff } from '../../services/auth/sign-in-staff.ts';
import { signInCitizen } from '../../services/auth/sign-in-citizen.ts';
import { ServiceError } from '../../services/errors.ts';

const LOGIN_COOKIE = 'samplan_login';
/** As long as the IdP keeps an unfinished sign-in (its Interaction lifetime). */
const LOGIN_SECONDS = 600;

export async function signInRoutes(app: FastifyInstance, api: Api): Promise<void> {
  const rateLimit = api.signInRateLimit;
  app.get('/auth/sign-in', { schema: { hide: true }, config: rateLimit }, async (request, reply) => {
    const rp = api.relyingParty;
    if (!rp) return backToSignIn(reply, 'ej-konfigurerad');
    let started;
    try {
      started = await rp.start();
    } catch (error) {
      request.log.error({ err: error instanceof Error ? error.message : String(error) }, 'the identity provider cannot be reached');
      return backToSignIn(reply, 'idp-nere');
    }
    reply.setCookie(LOGIN_COOKIE, JSON.stringify(started.pending), {
      signed: true, httpOnly: true, sameSite: 'lax', secure: api.cookies.secure, path: '/auth', maxAge: LOGIN_SECONDS,
    });
    return reply.redirect(started.url.href, 303);
  });

  app.get('/auth/callback', { schema: { hide: true }, config: rateLimit }, async (request, reply) => {
    const rp = api.relyingParty;
    if (!rp) return backToSignIn(reply, 'ej-konfigurerad');
    const pending = readPending(request);
    reply.clearCookie(LOGIN_COOKIE, { path: '/auth' });
    // No pending sign-in in this browser: an old or foreign link (or a login CSRF attempt).
    if (!pending) return backToSignIn(reply, 'gammal-lank');
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    try {
      const person = await rp.finish(query, pending);
      const common = { subject: person.subject, policy: api.sessionPolicy, networkAddress: request.ip, replacing: request.cookies[SESSION_COOKIE] ?? null };
      const started = person.kind === 'staff'
        ? await signInStaff(api.ctx, { ...common, hsaId: person.hsaId })
        : await signInCitizen(api.ctx, { ...common, identityNumber: person.identityNumber, name: person.name });
      setSessionCookies(reply, started.token, started.session, api.cookies);
      return reply.redirect('/', 303);
    } catch (error) {
      if (error instanceof SignInError) {
        if (error.code !== 'cancelled') request.log.warn({ reason: error.message }, 'sign-in failed');
        return backToSignIn(reply, error.code === 'cancelled' ? 'avbruten' : 'misslyckades');
      }
      if (error instanceof ServiceError && error.status === 403) return backToSignIn(reply, error.code === 'no_assignment' ? 'inget-uppdrag' : 'okand');
      throw error;
    }
  });
}

function readPending(request: FastifyRequest): PendingSignIn | null {
  const raw = request.cookies[LOGIN_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const p = JSON.parse(unsigned.value) as Partial<PendingSignIn>;
    return typeof p.verifier === 'string' && typeof p.state === 'string' && typeof p.nonce === 'string' ? { verifier: p.verifier, state: p.state, nonce: p.nonce } : null;
  } catch {
    return null;
  }
}

function backToSignIn(reply: FastifyReply, code: string): FastifyReply {
  return reply.redirect(`/logga-in?fel=${code}`, 303);
}
