/**
 * The organisations of the demo: Region Skåne with child psychiatry (BUP), primary care and
 * habilitation; Trelleborg, Kristianstad, Malmö and Burlöv with social services, schools and pupil
 * health, under the committees named in the audits (SIP.md §6). The people are invented.
 */
import type { Queryable } from '../store/database.ts';
import { newId } from '../store/ids.ts';

export const SKANE = '12';

type UnitKind = 'social_services_children' | 'school' | 'pupil_health' | 'child_psychiatry' | 'primary_care' | 'habilitation' | 'care_lss' | 'culture_leisure';

const PRINCIPALS = [
  { key: 'region', kind: 'region', name: 'Region Skåne', municipality: null },
  { key: 'trelleborg', kind: 'municipality', name: 'Trelleborgs kommun', municipality: '1287' },
  { key: 'kristianstad', kind: 'municipality', name: 'Kristianstads kommun', municipality: '1290' },
  { key: 'malmo', kind: 'municipality', name: 'Malmö stad', municipality: '1280' },
  { key: 'burlov', kind: 'municipality', name: 'Burlövs kommun', municipality: '1231' },
] as const;

const UNITS: Array<{ key: string; principal: string; kind: UnitKind; name: string; committee: string | null; municipality: string }> = [
  { key: 'bup-trelleborg', principal: 'region', kind: 'child_psychiatry', name: 'BUP Trelleborg', committee: 'Psykiatri, habilitering och hjälpmedel', municipality: '1287' },
  { key: 'bup-kristianstad', principal: 'region', kind: 'child_psychiatry', name: 'BUP Kristianstad', committee: 'Psykiatri, habilitering och hjälpmedel', municipality: '1290' },
  { key: 'bup-malmo', principal: 'region', kind: 'child_psychiatry', name: 'BUP Malmö', committee: 'Psykiatri, habilitering och hjälpmedel', municipality: '1280' },
  { key: 'vc-nasby', principal: 'region', kind: 'primary_care', name: 'Vårdcentralen Näsby', committee: 'Primärvården Skåne', municipality: '1290' },
  { key: 'hab-kristianstad', principal: 'region', kind: 'habilitation', name: 'Barn- och ungdomshabiliteringen Kristianstad', committee: 'Psykiatri, habilitering och hjälpmedel', municipality: '1290' },
  { key: 'soc-trelleborg', principal: 'trelleborg', kind: 'social_services_children', name: 'Socialtjänsten barn och familj, Trelleborg', committee: 'Socialnämnden', municipality: '1287' },
  { key: 'skola-soderslatt', principal: 'trelleborg', kind: 'school', name: 'Söderslättsskolan', committee: 'Bildningsnämnden', municipality: '1287' },
  { key: 'eh-trelleborg', principal: 'trelleborg', kind: 'pupil_health', name: 'Elevhälsan Trelleborg', committee: 'Bildningsnämnden', municipality: '1287' },
  { key: 'soc-kristianstad', principal: 'kristianstad', kind: 'social_services_children', name: 'Socialtjänsten barn och familj, Kristianstad', committee: 'Arbete och välfärdsnämnden', municipality: '1290' },
  { key: 'skola-nasby', principal: 'kristianstad', kind: 'school', name: 'Näsby skola', committee: 'Barn- och utbildningsnämnden', municipality: '1290' },
  { key: 'eh-kristianstad', principal: 'kristianstad', kind: 'pupil_health', name: 'Elevhälsan Kristianstad', committee: 'Barn- och utbildningsnämnden', municipality: '1290' },
  { key: 'lss-kristianstad', principal: 'kristianstad', kind: 'care_lss', name: 'Omsorg och LSS, Kristianstad', committee: 'Omsorgsnämnden', municipality: '1290' },
  { key: 'fritid-kristianstad', principal: 'kristianstad', kind: 'culture_leisure', name: 'Kultur och fritid, Kristianstad', committee: 'Kultur- och fritidsnämnden', municipality: '1290' },
  { key: 'soc-malmo', principal: 'malmo', kind: 'social_services_children', name: 'Socialtjänsten barn och familj, Malmö', committee: 'Socialnämnden', municipality: '1280' },
  { key: 'skola-malmo', principal: 'malmo', kind: 'school', name: 'Rosengårdsskolan', committee: 'Grundskolenämnden', municipality: '1280' },
  { key: 'soc-burlov', principal: 'burlov', kind: 'social_services_children', name: 'Socialtjänsten barn och familj, Burlöv', committee: 'Socialnämnden', municipality: '1231' },
  { key: 'eh-burlov', principal: 'burlov', kind: 'pupil_health', name: 'Elevhälsan Burlöv', committee: 'Barn- och utbildningsnämnden', municipality: '1231' },
];

/** Demo staff: HSA-id, name, title, and the unit memberships with their role. */
export const DEMO_STAFF = [
  { hsaId: 'SE2120001290-K01', name: 'Karin Ek', title: 'Lärare', units: [['skola-nasby', 'staff']] },
  { hsaId: 'SE2120001290-R01', name: 'Anna Lind', title: 'Rektor', units: [['skola-nasby', 'manager']] },
  { hsaId: 'SE2120001290-E01', name: 'Lena Svensson', title: 'Skolkurator', units: [['eh-kristianstad', 'staff'], ['skola-nasby', 'staff']] },
  { hsaId: 'SE2120001290-S01', name: 'Johan Berg', title: 'Socialsekreterare', units: [['soc-kristianstad', 'staff']] },
  { hsaId: 'SE2120001290-S02', name: 'Eva Andersson', title: 'Enhetschef', units: [['soc-kristianstad', 'manager']] },
  { hsaId: 'SE2321000255-B01', name: 'Sara Holm', title: 'Psykolog', units: [['bup-kristianstad', 'staff']] },
  { hsaId: 'SE2321000255-V01', name: 'Ahmed Hassan', title: 'Distriktssköterska', units: [['vc-nasby', 'staff']] },
  { hsaId: 'SE2321000255-B02', name: 'Maria Nilsson', title: 'Kurator', units: [['bup-trelleborg', 'staff']] },
  { hsaId: 'SE2120001287-S01', name: 'Erik Persson', title: 'Socialsekreterare', units: [['soc-trelleborg', 'staff']] },
  { hsaId: 'SE2120001287-E01', name: 'Fatima Rahimi', title: 'Skolsköterska', units: [['eh-trelleborg', 'staff'], ['skola-soderslatt', 'staff']] },
  { hsaId: 'SE2120001280-S01', name: 'Fredrik Lund', title: 'Socialsekreterare', units: [['soc-malmo', 'staff']] },
  { hsaId: 'SE2321000255-A01', name: 'Per Olsson', title: 'Systemförvaltare', units: [['bup-kristianstad', 'principal_admin']] },
  { hsaId: 'SE2120001290-U01', name: 'Nora Ali', title: 'Uppföljare', units: [['soc-kristianstad', 'analyst']] },
  { hsaId: 'SE2120001290-A01', name: 'Lars Nyström', title: 'Systemförvaltare', units: [['soc-kristianstad', 'principal_admin']] },
] as const;

export interface DemoOrganisation {
  principals: Record<string, string>;
  units: Record<string, string>;
  staff: Record<string, string>;
}

export async function seedDemoOrganisation(tx: Queryable): Promise<DemoOrganisation> {
  const principals: Record<string, string> = {};
  for (const p of PRINCIPALS) {
    principals[p.key] = newId();
    await tx.query('INSERT INTO principals (county, id, kind, name, municipality_code) VALUES ($1, $2, $3, $4, $5)',
      [SKANE, principals[p.key], p.kind, p.name, p.municipality]);
  }
  const units: Record<string, string> = {};
  for (const u of UNITS) {
    units[u.key] = newId();
    await tx.query('INSERT INTO units (county, id, principal_id, kind, name, committee, municipality_code) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [SKANE, units[u.key], principals[u.principal], u.kind, u.name, u.committee, u.municipality]);
  }
  const staff: Record<string, string> = {};
  for (const s of DEMO_STAFF) {
    staff[s.hsaId] = newId();
    const email = s.name.toLowerCase().replace(/ /g, '.').normalize('NFD').replace(/[\u0300-\u036f]/g, '') + '@example.se';
    await tx.query('INSERT INTO staff (county, id, hsa_id, name, title, email, phone) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [SKANE, staff[s.hsaId], s.hsaId, s.name, s.title, email, '044-13 50 00']);
    for (const [unit, role] of s.units) {
      await tx.query('INSERT INTO memberships (county, id, staff_id, unit_id, role) VALUES ($1, $2, $3, $4, $5)',
        [SKANE, newId(), staff[s.hsaId], units[unit], role]);
    }
  }
  return { principals, units, staff };
}
