/**
 * The sessions table (migration 010): the cookie carries a random token, the row what it means.
 * Only the token's SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './database.ts';
import type { Role } from '../services/context.ts';

export interface PersonRef { county: string; personId: string }

export interface Session {
  tokenHash: string;
  kind: 'staff' | 'citizen';
  subject: string;
  hsaId: string | null;
  /** The assignment acted in; null until chosen (and always for citizens). */
  assignment: { county: string; staffId: string; unitId: string; role: Role } | null;
  displayName: string;
  personRefs: PersonRef[];
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export type EndReason = 'signed_out' | 'idle' | 'replaced' | 'staff_inactive';

/** A new random token (256 bits) for a cookie or a CSRF header. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface Row {
  token_hash: string; kind: 'staff' | 'citizen'; subject: string; hsa_id: string | null;
  assignment_county: string | null; staff_id: string | null; unit_id: string | null; role: Role | null;
  display_name: string; person_refs: PersonRef[]; csrf_token: string;
  created_at: Date | string; last_seen_at: Date | string; expires_at: Date | string; ended_at: Date | string | null;
}

const COLUMNS = 'token_hash, kind, subject, hsa_id, assignment_county, staff_id, unit_id, role, display_name, person_refs, csrf_token, created_at, last_seen_at, expires_at, ended_at';

function toSession(r: Row): Session {
  return {
    tokenHash: r.token_hash, kind: r.kind, subject: r.subject, hsaId: r.hsa_id,
    assignment: r.assignment_county && r.staff_id && r.unit_id && r.role ? { county: r.assignment_county, staffId: r.staff_id, unitId: r.unit_id, role: r.role } : null,
    displayName: r.display_name, personRefs: r.person_refs ?? [], csrfToken: r.csrf_token,
    createdAt: new Date(r.created_at), lastSeenAt: new Date(r.last_seen_at), expiresAt: new Date(r.expires_at),
    endedAt: r.ended_at === null ? null : new Date(r.ended_at),
  };
}

export async function findSession(db: Queryable, tokenHash: string): Promise<Session | null> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = $1`, [tokenHash]);
  return rows[0] ? toSession(rows[0]) : null;
}

export async function insertSession(db: Queryable, s: Omit<Session, 'endedAt' | 'lastSeenAt'>): Promise<void> {
  const a = s.assignment;
  await db.query(
    `INSERT INTO sessions (token_hash, kind, subject, hsa_id, assignment_county, staff_id, unit_id, role, display_name, person_refs, csrf_token, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6::uuid, $7::uuid, $8, $9, $10::jsonb, $11, $12, $12, $13)`,
    [s.tokenHash, s.kind, s.subject, s.hsaId, a?.county ?? null, a?.staffId ?? null, a?.unitId ?? null, a?.role ?? null,
      s.displayName, JSON.stringify(s.personRefs), s.csrfToken, s.createdAt.toISOString(), s.expiresAt.toISOString()]);
}

export async function touchSession(db: Queryable, tokenHash: string, at: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND ended_at IS NULL AND last_seen_at < $2', [tokenHash, at.toISOString()]);
}

export async function setAssignment(db: Queryable, tokenHash: string, a: NonNullable<Session['assignment']>): Promise<boolean> {
  const rows = await db.query(
    'UPDATE sessions SET assignment_county = $2, staff_id = $3::uuid, unit_id = $4::uuid, role = $5 WHERE token_hash = $1 AND ended_at IS NULL RETURNING 1',
    [tokenHash, a.county, a.staffId, a.unitId, a.role]);
  return rows.length === 1;
}

/** Ends the session; true when it was still open. */
export async function endSessionRow(db: Queryable, tokenHash: string, at: Date, reason: EndReason): Promise<boolean> {
  const rows = await db.query(
    'UPDATE sessions SET ended_at = $2, ended_reason = $3 WHERE token_hash = $1 AND ended_at IS NULL RETURNING 1',
    [tokenHash, at.toISOString(), reason]);
  return rows.length === 1;
}

/** Deletes what has been over for a day: the audit trail, not this table, is the record. */
export async function deleteOldSessions(db: Queryable, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  await db.query('DELETE FROM sessions WHERE expires_at < $1 OR ended_at < $1', [dayAgo]);
}
