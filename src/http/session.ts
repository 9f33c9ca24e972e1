/**
 * The session: a cookie signed with the server's secret (HMAC), holding who is signed in and the
 * assignment (unit and role) they act in. No identity is ever read from an unsigned header.
 * The development sign-in of this issue is replaced by OpenID Connect in the login issue.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../services/context.ts';
import { loadActor } from '../services/auth/load-actor.ts';
import type { Database } from '../store/database.ts';
import { ServiceError } from '../services/errors.ts';

export const SESSION_COOKIE = 'samplan_session';

export interface SessionData {
  staffId: string;
  county: string;
  unitId: string;
  role: Role;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export const SESSION_HOURS = 8;

export function writeSession(reply: FastifyReply, data: Omit<SessionData, 'exp'>, secure: boolean): void {
  const value: SessionData = { ...data, exp: Date.now() + SESSION_HOURS * 3_600_000 };
  reply.setCookie(SESSION_COOKIE, Buffer.from(JSON.stringify(value)).toString('base64url'), {
    signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_HOURS * 3600,
  });
}

export function readSession(request: FastifyRequest): SessionData | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const data = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as SessionData;
    return data.exp > Date.now() ? data : null;
  } catch {
    return null;
  }
}

export const unauthenticated = () => new ServiceError(401, 'unauthenticated', 'Logga in först.');

/**
 * How long a checked membership is trusted before it is looked up again. Reading a plan checks
 * the membership again inside its own statement, so an ended membership stops plan reads at once
 * and everything else within these seconds.
 */
export const ACTOR_TTL_MS = 5_000;
const actors = new Map<string, { actor: Actor; until: number }>();

/** The actor of a request, or 401. */
export async function requireActor(db: Database, request: FastifyRequest): Promise<Actor> {
  const s = readSession(request);
  if (!s) throw unauthenticated();
  const key = `${s.county}|${s.staffId}|${s.unitId}|${s.role}`;
  const now = Date.now();
  let hit = actors.get(key);
  if (!hit || hit.until < now) {
    const actor = await loadActor(db, s, null);
    if (!actor) {
      actors.delete(key);
      throw unauthenticated();
    }
    if (actors.size > 10_000) actors.clear();
    actors.set(key, (hit = { actor, until: now + ACTOR_TTL_MS }));
  }
  return { ...hit.actor, networkAddress: request.ip };
}
