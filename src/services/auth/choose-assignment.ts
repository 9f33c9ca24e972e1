/**
 * The staff member chooses which unit and role they act in (medarbetaruppdrag), after sign-in or
 * later. Every audit row of what they then do carries that unit and role.
 */
import type { Context, Role } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { appendAudit } from '../../store/audit.ts';
import { setAssignment, type Session } from '../../store/sessions.ts';
import { loadAssignmentsByHsaId } from './load-actor.ts';
import { sessionEvents } from './session-audit.ts';
import { forgetSession } from './resume-session.ts';

export async function chooseAssignment(ctx: Context, session: Session, choice: { unitId: string; role: Role }, networkAddress: string | null): Promise<Session> {
  if (session.kind !== 'staff' || !session.hsaId) throw new ServiceError(403, 'not_staff', 'Bara personal väljer uppdrag.');
  const staff = await loadAssignmentsByHsaId(ctx.db, session.hsaId);
  const a = staff?.assignments.find((x) => x.unitId === choice.unitId && x.role === choice.role);
  if (!a) {
    throw new ServiceError(403, 'no_assignment', 'Du har inget sådant uppdrag.', [{ field: '/unitId', code: 'no_assignment', message: 'Inget uppdrag i den verksamheten med den rollen.' }]);
  }
  const chosen: Session = { ...session, assignment: { county: a.county, staffId: a.staffId, unitId: a.unitId, role: a.role } };
  await ctx.db.transaction(async (tx) => {
    if (!(await setAssignment(tx, session.tokenHash, chosen.assignment!))) throw new ServiceError(401, 'unauthenticated', 'Logga in först.');
    await appendAudit(tx, sessionEvents(chosen, 'session.assignment', 'E', networkAddress, [], { from: session.assignment ? { unitId: session.assignment.unitId, role: session.assignment.role } : null }));
  });
  forgetSession(session.tokenHash);
  return chosen;
}
