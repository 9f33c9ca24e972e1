/** Ends the session here; the caller then sends the browser to the IdP to end it there too. */
import type { Context } from '../context.ts';
import { appendAudit } from '../../store/audit.ts';
import { endSessionRow, type Session } from '../../store/sessions.ts';
import { loadAssignmentsByHsaId } from './load-actor.ts';
import { sessionEvents } from './session-audit.ts';
import { forgetSession } from './resume-session.ts';

export async function signOut(ctx: Context, session: Session, networkAddress: string | null): Promise<void> {
  const rows = session.kind === 'staff' && !session.assignment && session.hsaId
    ? (await loadAssignmentsByHsaId(ctx.db, session.hsaId))?.assignments ?? []
    : [];
  await ctx.db.transaction(async (tx) => {
    if (await endSessionRow(tx, session.tokenHash, ctx.clock.now(), 'signed_out')) {
      await appendAudit(tx, sessionEvents(session, 'session.sign_out', 'E', networkAddress, rows));
    }
  });
  forgetSession(session.tokenHash);
}
