/**
 * Loads the reference data and, on an empty database, the demo (organisations, staff, five
 * children with plans). Safe to call at every start: it does nothing the second time.
 */
import type { Context } from '../services/context.ts';
import { loadReferenceData } from '../store/reference-data.ts';
import { seedDemoOrganisation, SKANE } from './demo-organisation.ts';
import { seedDemoPlans } from './demo-plans.ts';
import { seedDemoAgreements } from './demo-agreements.ts';
import { seedDemoDocuments } from './demo-documents.ts';

export async function seedDemo(ctx: Context): Promise<{ seeded: boolean }> {
  await ctx.db.transaction((tx) => loadReferenceData(tx));
  const existing = await ctx.db.query('SELECT 1 FROM principals WHERE county = $1 LIMIT 1', [SKANE]);
  if (existing.length) return { seeded: false };
  const org = await ctx.db.transaction(async (tx) => {
    const o = await seedDemoOrganisation(tx);
    await seedDemoAgreements(tx, o);
    await seedDemoDocuments(tx, o);
    return o;
  });
  await seedDemoPlans(ctx, org);
  return { seeded: true };
}
