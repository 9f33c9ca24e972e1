/**
 * The session at the HTTP edge: a random token in an HttpOnly cookie, looked up server-side
 * (src/store/sessions.ts), and a CSRF token that the web app sends back in a header on every
 * state-changing request. No identity is ever read from anything the browser could make up.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Context } from '../services/context.ts';
import { loadActor } from '../services/auth/load-actor.ts';
import { resumeSession } from '../services/auth/resume-session.ts';
import { ServiceError } from '../services/errors.ts';
import type { Session } from '../store/sessions.ts';
import type { SessionPolicy } from '../domain/session-policy.ts';

export const SESSION_COOKIE = 'samplan_session';
/** Readable by the web app's script, which copies it into CSRF_HEADER; the server compares with the session's. */
export const CSRF_COOKIE = 'samplan_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface CookieSettings {
  /** Secure cookies: everywhere but plain http on localhost. */
  secure: boolean;
}

export function setSessionCookies(reply: FastifyReply, token: string, session: Session, c: CookieSettings): void {
  const maxAge = Math.max(1, Math.floor((session.expiresAt.getTime() - session.createdAt.getTime()) / 1000));
  // Lax, not Strict: the browser comes back from the IdP by a cross-site redirect and must then
  // carry the cookie to the first page. Every state change also needs the CSRF header.
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: c.secure, path: '/', maxAge });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, sameSite: 'strict', secure: c.secure, path: '/', maxAge });
}

export function clearSessionCookies(reply: FastifyReply, c: CookieSettings): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', secure: c.secure, httpOnly: true, sameSite: 'lax' });
  reply.clearCookie(CSRF_COOKIE, { path: '/', secure: c.secure, sameSite: 'strict' });
}

export const unauthenticated = () => new ServiceError(401, 'unauthenticated', 'Logga in först.');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One lookup per request, however many times a handler asks. */
const perRequest = new WeakMap<FastifyRequest, Promise<Session | null>>();

export function currentSession(ctx: Context, policy: SessionPolicy, request: FastifyRequest): Promise<Session | null> {
  let found = perRequest.get(request);
  if (!found) {
    const token = request.cookies[SESSION_COOKIE];
    found = token ? resumeSession(ctx, token, policy) : Promise.resolve(null);
    perRequest.set(request, found);
  }
  return found;
}

/**
 * The live session of a request, or 401. A state-changing request must also carry the session's
 * CSRF token in a header, which another site's page cannot read or set (OWASP: synchronizer token).
 */
export async function requireSession(ctx: Context, policy: SessionPolicy, request: FastifyRequest): Promise<Session> {
  const session = await currentSession(ctx, policy, request);
  if (!session) throw unauthenticated();
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(request.headers[CSRF_HEADER], session.csrfToken)) {
    throw new ServiceError(403, 'csrf', 'Begäran saknar giltig säkerhetstoken (CSRF). Ladda om sidan och försök igen.');
  }
  return session;
}

/**
 * Runs first on every state-changing API request, before its body is even validated, so that a
 * forged request learns nothing and costs nothing: no session 401, no CSRF token 403. The only
 * exception is the development sign-in, which starts a session rather than using one.
 */
export async function guardStateChange(ctx: Context, policy: SessionPolicy, request: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  const path = request.url.split('?')[0]!;
  if (path === '/api/dev/sign-in') return;
  await requireSession(ctx, policy, request);
}

function csrfMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * How long a checked membership is trusted before it is looked up again. Reading a plan checks
 * the membership again inside its own statement, so an ended membership stops plan reads at once
 * and everything else within these seconds.
 */
export const ACTOR_TTL_MS = 5_000;
const actors = new Map<string, { actor: Actor; until: number }>();

/** The staff member acting in their chosen assignment, or 401/403. */
export async function requireActor(ctx: Context, policy: SessionPolicy, request: FastifyRequest): Promise<Actor> {
  const s = await requireSession(ctx, policy, request);
  if (s.kind !== 'staff') throw new ServiceError(403, 'not_staff', 'Den här delen av Samplan är för personal.');
  const a = s.assignment;
  if (!a) throw new ServiceError(403, 'assignment_required', 'Välj först vilket uppdrag du arbetar i.');
  const key = `${a.county}|${a.staffId}|${a.unitId}|${a.role}`;
  const now = Date.now();
  let hit = actors.get(key);
  if (!hit || hit.until < now) {
    const actor = await loadActor(ctx.db, a, null);
    if (!actor) {
      actors.delete(key);
      // The membership ended or the person was deactivated: the session is over.
      throw unauthenticated();
    }
    if (actors.size > 10_000) actors.clear();
    actors.set(key, (hit = { actor, until: now + ACTOR_TTL_MS }));
  }
  return { ...hit.actor, networkAddress: request.ip };
}
