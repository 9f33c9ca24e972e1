/**
 * The people who can sign in at the bundled identity provider: the demo staff (as SITHS eID would
 * present them: HSA-id, name, title), the demo guardians and two of the demo children (as BankID
 * would: name and personal identity number). They are the people of the demo seed, so every
 * sign-in lands on a real row.
 *
 * The staff come straight from DEMO_STAFF. The seed does not export its unit names or its
 * guardians, and the seed files are not ours to change, so the few facts needed here are repeated
 * below; test/integration/idp.test.ts seeds a database and checks that they match its rows.
 */
import { luhnCheckDigit } from '../domain/identity-number.ts';
import { DEMO_STAFF } from '../seed/demo-organisation.ts';

/** A staff member as SITHS presents them. */
export interface DemoStaff {
  kind: 'staff';
  /** What the sign-in page posts: the HSA-id (a directory id, not sensitive). */
  key: string;
  hsaId: string;
  name: string;
  title: string;
  /** The units the seed gives them a membership in; Samplan, not the IdP, asks which one they act for. */
  units: Array<{ key: string; name: string; role: string }>;
}

/** A citizen (a guardian or a child in the demo) as BankID presents them. */
export interface DemoCitizen {
  kind: 'citizen';
  /**
   * Only for the sign-in page's headings: BankID says nothing of the kind, and Samplan decides
   * from its own rows (guardianships, the plan's child) what the person may see.
   */
  role: 'guardian' | 'child';
  /** What the sign-in page posts: a readable slug, never the identity number. */
  key: string;
  givenName: string;
  familyName: string;
  name: string;
  /** 'YYYY-MM-DD'; the sign-in page shows only the year. */
  birthDate: string;
  /** 12 digits. Travels only inside the ID token and the userinfo answer, never in a URL or on a page. */
  identityNumber: string;
}

export type DemoPerson = DemoStaff | DemoCitizen;

/**
 * Names of the seeded units that have demo staff (the seed's UNITS in src/seed/demo-organisation.ts,
 * which is not exported).
 */
export const DEMO_UNIT_NAMES: Readonly<Record<string, string>> = {
  'bup-trelleborg': 'BUP Trelleborg',
  'bup-kristianstad': 'BUP Kristianstad',
  'vc-nasby': 'Vårdcentralen Näsby',
  'soc-trelleborg': 'Socialtjänsten barn och familj, Trelleborg',
  'skola-soderslatt': 'Söderslättsskolan',
  'eh-trelleborg': 'Elevhälsan Trelleborg',
  'soc-kristianstad': 'Socialtjänsten barn och familj, Kristianstad',
  'skola-nasby': 'Näsby skola',
  'eh-kristianstad': 'Elevhälsan Kristianstad',
  'soc-malmo': 'Socialtjänsten barn och familj, Malmö',
};

/**
 * The guardians of the demo children, as src/seed/demo-plans.ts registers them with
 * `person(given, family, birthDate, serial)` (not exported there).
 */
const DEMO_GUARDIANS: ReadonlyArray<readonly [givenName: string, familyName: string, birthDate: string, serial: string]> = [
  ['Sofia', 'Karlsson', '1984-06-02', '282'],
  ['Daniel', 'Karlsson', '1982-11-30', '291'],
  ['Linda', 'Johansson', '1988-01-19', '304'],
  ['Anna', 'Eriksson', '1980-04-04', '315'],
  ['Mikael', 'Eriksson', '1979-12-12', '326'],
  ['Jenny', 'Hansson', '1990-08-08', '337'],
  ['Helena', 'Nilsson', '1975-03-03', '348'],
];

/**
 * Children of the demo plans who can sign in themselves, as src/seed/demo-plans.ts registers them
 * (DEMO_CHILDREN, repeated for the same reason): Ebba, 14, whose coordinator has opened her plan to
 * her, and her sister Maja, 9, below the county's age (13 by default), who sees no plan.
 */
const DEMO_YOUNG_PEOPLE: ReadonlyArray<readonly [givenName: string, familyName: string, birthDate: string, serial: string]> = [
  ['Ebba', 'Johansson', '2012-10-03', '351'],
  ['Maja', 'Johansson', '2017-05-10', '242'],
];

/**
 * The seed's `testIdentityNumber` (src/seed/demo-plans.ts): YYYYMMDD + serial + Luhn check digit.
 * Repeated rather than imported because that module pulls in every service of the application.
 */
function testIdentityNumber(birthDate: string, serial: string): string {
  const base = birthDate.replaceAll('-', '') + serial;
  return base + luhnCheckDigit(base.slice(2));
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function unitName(key: string): string {
  const name = DEMO_UNIT_NAMES[key];
  // A new unit in DEMO_STAFF must be named here too; fail at start rather than show a blank heading.
  if (name === undefined) throw new Error(`demo-people: no name for the demo unit '${key}'`);
  return name;
}

/** Every demo person who can sign in: the staff first, then the guardians, then the children. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  ...DEMO_STAFF.map((s): DemoStaff => ({
    kind: 'staff', key: s.hsaId, hsaId: s.hsaId, name: s.name, title: s.title,
    units: s.units.map(([key, role]) => ({ key, name: unitName(key), role })),
  })),
  ...([['guardian', DEMO_GUARDIANS], ['child', DEMO_YOUNG_PEOPLE]] as const).flatMap(([role, list]) =>
    list.map(([givenName, familyName, birthDate, serial]): DemoCitizen => ({
      kind: 'citizen', role, key: `medborgare-${slug(`${givenName} ${familyName}`)}`,
      givenName, familyName, name: `${givenName} ${familyName}`, birthDate,
      identityNumber: testIdentityNumber(birthDate, serial),
    }))),
];
