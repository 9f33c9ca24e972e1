/** Who in a family may see a plan (src/access/citizen-access.ts): every combination of the facts. */
import { describe, expect, it } from 'vitest';
import { decideCitizenAccess, type CitizenPlanFacts } from '../../src/access/citizen-access.ts';

const base: CitizenPlanFacts = { exists: true, isGuardian: false, isChild: false, childAge: 14, youngPersonAge: 13, youngPersonAccess: false };

describe('decideCitizenAccess', () => {
  it('a guardian sees the plan of a child in their care, whatever the child’s age or the plan’s setting', () => {
    for (const childAge of [0, 12, 17, null]) {
      for (const youngPersonAccess of [true, false]) {
        expect(decideCitizenAccess({ ...base, isGuardian: true, childAge, youngPersonAccess })).toEqual({ allowed: true, as: 'guardian' });
      }
    }
  });

  it('the young person: from the county’s age, and only when the coordinator has opened it', () => {
    expect(decideCitizenAccess({ ...base, isChild: true, childAge: 12 })).toEqual({ allowed: false, reason: 'below_age' });
    expect(decideCitizenAccess({ ...base, isChild: true, childAge: 12, youngPersonAccess: true })).toEqual({ allowed: false, reason: 'below_age' });
    expect(decideCitizenAccess({ ...base, isChild: true, childAge: 13 })).toEqual({ allowed: false, reason: 'not_enabled' });
    expect(decideCitizenAccess({ ...base, isChild: true, childAge: 13, youngPersonAccess: true })).toEqual({ allowed: true, as: 'child' });
    expect(decideCitizenAccess({ ...base, isChild: true, childAge: 15, youngPersonAge: 16, youngPersonAccess: true })).toEqual({ allowed: false, reason: 'below_age' });
    // Age unknown (reservnummer without a birth date): nobody can tell it has been reached.
    expect(decideCitizenAccess({ ...base, isChild: true, childAge: null, youngPersonAccess: true })).toEqual({ allowed: false, reason: 'below_age' });
  });

  it('anyone else, and a plan that does not exist, are refused alike (the route answers 404 to both)', () => {
    expect(decideCitizenAccess({ ...base, youngPersonAccess: true })).toEqual({ allowed: false, reason: 'not_family' });
    expect(decideCitizenAccess({ ...base, exists: false, isGuardian: true })).toEqual({ allowed: false, reason: 'no_such_plan' });
  });
});
