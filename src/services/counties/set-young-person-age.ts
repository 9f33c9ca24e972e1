import type { Database } from '../../store/database.ts';
import { invalid } from '../errors.ts';

/**
 * From which age a young person may see their own plan in the county's family view, once the
 * coordinator has opened it (issue 5). The regional agreement sets the age: the child's right to
 * be heard and informed grows with age and maturity (barnkonventionen art. 12; SoL 11 kap. 10 §
 * gives a child of 15 the right to speak for themselves). An operator's command
 * (samplan young-person-age), not a user's: there is no actor to audit.
 */
export async function setYoungPersonAge(db: Database, s: { county: string; age: number }): Promise<{ county: string; name: string; age: number }> {
  if (!Number.isInteger(s.age) || s.age < 10 || s.age > 18) {
    throw invalid([{ field: '/age', code: 'range', message: 'En ålder mellan 10 och 18.' }]);
  }
  const rows = await db.query<{ county: string; name: string; age: number }>(
    'UPDATE counties SET young_person_access_age = $2 WHERE county = $1 RETURNING county, name, young_person_access_age AS age',
    [s.county, s.age]);
  if (!rows[0]) throw invalid([{ field: '/county', code: 'unknown', message: 'Okänt län (tvåsiffrig länskod, t.ex. 12).' }]);
  return rows[0];
}
