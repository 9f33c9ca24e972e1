/**
 * Who reads the key figures (SIP.md §3 and §5): managers (närmaste chef), the analyst
 * (uppföljare, aggregates only), the principal's admin, and the members of a local agreement's
 * steering group (styrgrupp), who also set its goals. Everyone else gets 403.
 */
import type { Queryable } from '../../store/database.ts';
import type { Actor } from '../context.ts';
import { ServiceError } from '../errors.ts';

export interface SteeringAgreement { id: string; name: string }

/** The local agreements of the actor's county whose steering group the actor sits in. */
export async function steeringAgreements(db: Queryable, actor: Actor): Promise<SteeringAgreement[]> {
  return db.query<SteeringAgreement>(
    `SELECT la.id, la.name FROM steering_group_members sg JOIN local_agreements la ON la.county = sg.county AND la.id = sg.agreement_id
     WHERE sg.county = $1 AND sg.staff_id = $2 ORDER BY la.name`, [actor.county, actor.staffId]);
}

const READERS = new Set(['manager', 'analyst', 'principal_admin']);

export async function mayReadControl(db: Queryable, actor: Actor): Promise<boolean> {
  return READERS.has(actor.role) || (await steeringAgreements(db, actor)).length > 0;
}

export async function requireControlAccess(db: Queryable, actor: Actor): Promise<void> {
  if (!(await mayReadControl(db, actor))) {
    throw new ServiceError(403, 'role', 'Nyckeltalen är till för chefer, uppföljare, administratörer och styrgruppen.');
  }
}

/** The actor sits in this agreement's steering group, or 403 (404 when it is not in the county). */
export async function requireSteeringMember(db: Queryable, actor: Actor, agreementId: string): Promise<void> {
  const agreements = await steeringAgreements(db, actor);
  if (agreements.some((a) => a.id === agreementId)) return;
  const [exists] = await db.query('SELECT 1 FROM local_agreements WHERE county = $1 AND id = $2::uuid', [actor.county, agreementId]);
  if (!exists) throw new ServiceError(404, 'not_found', 'Det finns inget här som du har tillgång till.');
  throw new ServiceError(403, 'not_steering_group', 'Bara styrgruppen för överenskommelsen sätter dess mål.');
}
