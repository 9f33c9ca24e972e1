/**
 * The demo's local agreements (SIP.md §5): Region Skåne with Kristianstad, with Trelleborg and
 * with Malmö, as the Skåne audits of 2021 describe them. The steering group of Kristianstad's has
 * the social services' unit manager and the region's system administrator standing in for the
 * region's BUP management.
 */
import type { Queryable } from '../store/database.ts';
import { newId } from '../store/ids.ts';
import { SKANE, type DemoOrganisation } from './demo-organisation.ts';

const AGREEMENTS = [
  { name: 'Lokal överenskommelse om samverkan kring barn och unga, Kristianstad', municipality: 'kristianstad', steering: ['SE2120001290-S02', 'SE2321000255-A01'] },
  { name: 'Lokal överenskommelse om samverkan kring barn och unga, Trelleborg', municipality: 'trelleborg', steering: [] },
  { name: 'Lokal överenskommelse om samverkan kring barn och unga, Malmö', municipality: 'malmo', steering: [] },
] as const;

export async function seedDemoAgreements(tx: Queryable, org: DemoOrganisation): Promise<void> {
  for (const a of AGREEMENTS) {
    const id = newId();
    await tx.query('INSERT INTO local_agreements (county, id, name, effective_from) VALUES ($1, $2, $3, $4)', [SKANE, id, a.name, '2024-01-01']);
    for (const principal of ['region', a.municipality]) {
      const principalId = org.principals[principal];
      if (!principalId) throw new Error(`demo-agreements: no demo principal '${principal}'`);
      await tx.query('INSERT INTO local_agreement_principals (county, agreement_id, principal_id) VALUES ($1, $2, $3)', [SKANE, id, principalId]);
    }
    for (const hsaId of a.steering) {
      await tx.query('INSERT INTO steering_group_members (county, agreement_id, staff_id) VALUES ($1, $2, $3)', [SKANE, id, org.staff[hsaId]]);
    }
  }
}
