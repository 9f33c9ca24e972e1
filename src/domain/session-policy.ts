/**
 * When a signed-in session ends by itself. Pure rules; the store keeps the times.
 *
 * Patient data law (patientdatalagen 4 kap. 2 §, HSLF-FS 2016:40 4 kap. 9 §) asks the care giver
 * to keep unauthorised people from reading records left open on a screen: an idle session ends.
 * The regions' usual SITHS rule is 30 idle minutes, and a working day at most as absolute limit.
 */

export interface SessionPolicy {
  /** Minutes without a request after which the session ends. */
  idleMinutes: number;
  /** Hours after sign-in after which the session ends, however active. */
  absoluteHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, absoluteHours: 10 };

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export type SessionState = 'active' | 'ended' | 'idle' | 'expired';

export function sessionState(s: SessionTimes, policy: SessionPolicy, now: Date): SessionState {
  if (s.endedAt) return 'ended';
  if (now.getTime() >= s.expiresAt.getTime()) return 'expired';
  if (now.getTime() - s.lastSeenAt.getTime() >= policy.idleMinutes * 60_000) return 'idle';
  return 'active';
}

/** The absolute end of a session that starts now. */
export function sessionExpiry(policy: SessionPolicy, now: Date): Date {
  return new Date(now.getTime() + policy.absoluteHours * 3_600_000);
}

/**
 * Whether a request should move the session's last-seen time. Writing at every request would make
 * every read a write; once a minute keeps the idle limit exact to within a minute.
 */
export const TOUCH_EVERY_MS = 60_000;
export function needsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

/** Checks a policy read from configuration; the messages name the setting. */
export function sessionPolicyProblems(p: SessionPolicy): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(p.idleMinutes) || p.idleMinutes < 1 || p.idleMinutes > 24 * 60) problems.push('SAMPLAN_SESSION_IDLE_MINUTES måste vara 1–1440 minuter.');
  if (!Number.isFinite(p.absoluteHours) || p.absoluteHours < 1 || p.absoluteHours > 24) problems.push('SAMPLAN_SESSION_MAX_HOURS måste vara 1–24 timmar.');
  if (problems.length === 0 && p.idleMinutes > p.absoluteHours * 60) problems.push('SAMPLAN_SESSION_IDLE_MINUTES kan inte vara längre än SAMPLAN_SESSION_MAX_HOURS.');
  return problems;
}
