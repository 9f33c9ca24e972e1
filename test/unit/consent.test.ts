import { describe, it, expect } from 'vitest';
import { consentProblems, coveredUnits } from '../../src/domain/consent.ts';
import type { ChildFacts, ConsentGiver, ConsentPolicy, ConsentRecord } from '../../src/domain/consent.ts';

const GUARDIANS: ConsentPolicy = { kind: 'guardians' };
const FROM_15: ConsentPolicy = { kind: 'child_from_age', age: 15 };

// Born 2010-06-15: 14 on 2025-06-14, 15 on 2025-06-15.
const CHILD: ChildFacts = { childId: 'c1', birthDate: '2010-06-15', guardianIds: ['g1', 'g2'] };
const DAY_BEFORE_15TH_BIRTHDAY = '2025-06-14';
const FIFTEENTH_BIRTHDAY = '2025-06-15';
const AGED_15 = '2025-09-01';
const AGED_14 = '2025-03-01';

const g1Consents: ConsentGiver = { personId: 'g1', role: 'guardian', stance: 'consents' };
const g2Consents: ConsentGiver = { personId: 'g2', role: 'guardian', stance: 'consents' };
const g2Refuses: ConsentGiver = { personId: 'g2', role: 'guardian', stance: 'refuses' };
const childConsents: ConsentGiver = { personId: 'c1', role: 'child', stance: 'consents' };
const childRefuses: ConsentGiver = { personId: 'c1', role: 'child', stance: 'refuses' };

function record(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: 'k1',
    validFrom: '2025-01-01',
    validUntil: '2025-12-31',
    withdrawn: false,
    givers: [g1Consents, g2Consents],
    unitIds: ['U-bup', 'U-soc'],
    ...overrides,
  };
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe("policy 'guardians'", () => {
  it('both guardians consenting: valid', () => {
    expect(consentProblems(record(), CHILD, GUARDIANS, AGED_14)).toEqual([]);
  });

  it('one guardian has not answered: guardian_missing', () => {
    expect(consentProblems(record({ givers: [g1Consents] }), CHILD, GUARDIANS, AGED_14)).toEqual(['guardian_missing']);
  });

  it('one guardian refuses: guardian_refuses', () => {
    expect(consentProblems(record({ givers: [g1Consents, g2Refuses] }), CHILD, GUARDIANS, AGED_14)).toEqual([
      'guardian_refuses',
    ]);
  });

  it('a "guardian" who is not a registered guardian does not count', () => {
    const outsider: ConsentGiver = { personId: 'g9', role: 'guardian', stance: 'consents' };
    expect(consentProblems(record({ givers: [g1Consents, outsider] }), CHILD, GUARDIANS, AGED_14)).toEqual([
      'guardian_missing',
    ]);
  });

  it("the child's refusal is recorded but the guardians decide", () => {
    const c = record({ givers: [g1Consents, g2Consents, childRefuses] });
    expect(consentProblems(c, CHILD, GUARDIANS, AGED_14)).toEqual([]);
    expect(consentProblems(c, CHILD, GUARDIANS, AGED_15)).toEqual([]);
  });

  it("even at 15 the child's own consent does not suffice", () => {
    expect(consentProblems(record({ givers: [childConsents] }), CHILD, GUARDIANS, AGED_15)).toEqual(['guardian_missing']);
  });

  it('no giver at all', () => {
    expect(sorted(consentProblems(record({ givers: [] }), CHILD, GUARDIANS, AGED_14))).toEqual([
      'guardian_missing',
      'no_giver',
    ]);
  });
});

describe("policy 'child_from_age' 15", () => {
  it('a child of 15 consenting alone: valid', () => {
    expect(consentProblems(record({ givers: [childConsents] }), CHILD, FROM_15, FIFTEENTH_BIRTHDAY)).toEqual([]);
    expect(consentProblems(record({ givers: [childConsents] }), CHILD, FROM_15, AGED_15)).toEqual([]);
  });

  it('the day before the 15th birthday the guardians are needed', () => {
    expect(consentProblems(record({ givers: [childConsents] }), CHILD, FROM_15, DAY_BEFORE_15TH_BIRTHDAY)).toEqual([
      'guardian_missing',
    ]);
    expect(
      consentProblems(record({ givers: [g1Consents, g2Consents, childConsents] }), CHILD, FROM_15, DAY_BEFORE_15TH_BIRTHDAY),
    ).toEqual([]);
  });

  it('below the age a guardian refusing blocks even if the child consents', () => {
    expect(consentProblems(record({ givers: [g1Consents, g2Refuses, childConsents] }), CHILD, FROM_15, AGED_14)).toEqual([
      'guardian_refuses',
    ]);
  });

  it('below the age the child refusing does not block the guardians', () => {
    expect(consentProblems(record({ givers: [g1Consents, g2Consents, childRefuses] }), CHILD, FROM_15, AGED_14)).toEqual([]);
  });

  it('a child over the age refusing: child_refuses even though the guardians consent', () => {
    expect(consentProblems(record({ givers: [g1Consents, g2Consents, childRefuses] }), CHILD, FROM_15, AGED_15)).toEqual([
      'child_refuses',
    ]);
  });

  it("another child's consent is not this child's consent", () => {
    const other: ConsentGiver = { personId: 'c2', role: 'child', stance: 'consents' };
    const problems = consentProblems(record({ givers: [other] }), CHILD, FROM_15, AGED_15);
    expect(problems).not.toEqual([]);
    expect(problems).not.toContain('child_refuses');
  });

  it('unknown birth date (reservnummer): the guardians decide', () => {
    const unknownAge: ChildFacts = { ...CHILD, birthDate: null };
    expect(consentProblems(record({ givers: [childConsents] }), unknownAge, FROM_15, AGED_15)).toEqual(['guardian_missing']);
    expect(consentProblems(record({ givers: [g1Consents, g2Consents] }), unknownAge, FROM_15, AGED_15)).toEqual([]);
  });
});

describe('validity period', () => {
  it('valid on the validFrom day', () => {
    expect(consentProblems(record(), CHILD, GUARDIANS, '2025-01-01')).toEqual([]);
  });

  it('valid on the validUntil day', () => {
    expect(consentProblems(record(), CHILD, GUARDIANS, '2025-12-31')).toEqual([]);
  });

  it('not valid the day before validFrom', () => {
    expect(consentProblems(record(), CHILD, GUARDIANS, '2024-12-31')).toEqual(['not_yet_valid']);
  });

  it('not valid the day after validUntil', () => {
    expect(consentProblems(record(), CHILD, GUARDIANS, '2026-01-01')).toEqual(['expired']);
  });

  it('the period also binds a child who consents alone', () => {
    const c = record({ givers: [childConsents], validFrom: '2025-07-01', validUntil: '2025-08-31' });
    expect(consentProblems(c, CHILD, FROM_15, '2025-06-30')).toEqual(['not_yet_valid']);
    expect(consentProblems(c, CHILD, FROM_15, '2025-09-01')).toEqual(['expired']);
  });
});

describe('withdrawn', () => {
  it('a withdrawn consent is not valid', () => {
    expect(consentProblems(record({ withdrawn: true }), CHILD, GUARDIANS, AGED_14)).toEqual(['withdrawn']);
  });

  it('withdrawn also when the child consented alone', () => {
    expect(consentProblems(record({ withdrawn: true, givers: [childConsents] }), CHILD, FROM_15, AGED_15)).toEqual([
      'withdrawn',
    ]);
  });

  it('withdrawn and expired are both reported', () => {
    expect(sorted(consentProblems(record({ withdrawn: true }), CHILD, GUARDIANS, '2026-02-01'))).toEqual([
      'expired',
      'withdrawn',
    ]);
  });
});

describe('a child without registered guardians', () => {
  const NO_GUARDIANS: ChildFacts = { childId: 'c1', birthDate: '2012-02-01', guardianIds: [] };

  it('nobody consenting: no_giver', () => {
    expect(consentProblems(record({ givers: [] }), NO_GUARDIANS, GUARDIANS, AGED_14)).toEqual(['no_giver']);
  });

  it('an unregistered "guardian" consenting is not enough', () => {
    const outsider: ConsentGiver = { personId: 'g9', role: 'guardian', stance: 'consents' };
    expect(consentProblems(record({ givers: [outsider] }), NO_GUARDIANS, GUARDIANS, AGED_14)).toEqual(['no_giver']);
  });

  it("the child's own consent carries it", () => {
    expect(consentProblems(record({ givers: [childConsents] }), NO_GUARDIANS, GUARDIANS, AGED_14)).toEqual([]);
  });

  it('the child refusing: not valid', () => {
    const c = record({ givers: [childRefuses] });
    expect(consentProblems(c, NO_GUARDIANS, GUARDIANS, AGED_14)).not.toEqual([]);
    expect(coveredUnits([c], NO_GUARDIANS, GUARDIANS, AGED_14).size).toBe(0);
  });
});

describe('coveredUnits', () => {
  const consents: ConsentRecord[] = [
    record({ id: 'k1', unitIds: ['U-bup', 'U-soc'] }),
    record({ id: 'k2', unitIds: ['U-soc', 'U-school'] }),
    record({ id: 'k3', withdrawn: true, unitIds: ['U-vc'] }),
    record({ id: 'k4', validUntil: '2025-02-28', unitIds: ['U-hab'] }),
    record({ id: 'k5', validFrom: '2025-04-01', unitIds: ['U-elevhalsa'] }),
    record({ id: 'k6', givers: [g1Consents], unitIds: ['U-fritid'] }),
    record({ id: 'k7', givers: [g1Consents, g2Refuses], unitIds: ['U-omsorg'] }),
  ];

  it('unions the units of the valid consents only', () => {
    expect(sorted(coveredUnits(consents, CHILD, GUARDIANS, AGED_14))).toEqual(['U-bup', 'U-school', 'U-soc']);
  });

  it('no consents cover nothing', () => {
    expect(coveredUnits([], CHILD, GUARDIANS, AGED_14).size).toBe(0);
  });

  it('the same records cover more once a later period starts', () => {
    // 2025-04-01: k4 expired, k5 valid now.
    expect(sorted(coveredUnits(consents, CHILD, GUARDIANS, '2025-04-01'))).toEqual([
      'U-bup',
      'U-elevhalsa',
      'U-school',
      'U-soc',
    ]);
  });

  it("under 'child_from_age' a child of 15 consenting alone covers its units; before 15 it does not", () => {
    const own = [record({ id: 'k8', givers: [childConsents], unitIds: ['U-bup'] })];
    expect(sorted(coveredUnits(own, CHILD, FROM_15, FIFTEENTH_BIRTHDAY))).toEqual(['U-bup']);
    expect(coveredUnits(own, CHILD, FROM_15, DAY_BEFORE_15TH_BIRTHDAY).size).toBe(0);
    expect(coveredUnits(own, CHILD, GUARDIANS, FIFTEENTH_BIRTHDAY).size).toBe(0);
  });
});
