/**
 * Generates a benchmark data set on a migrated database: N established plans (SIP) spread over
 * all 21 counties, with the organisation they need, made with set-based SQL (generate_series)
 * in one transaction: a few dozen statements, seconds not minutes.
 *
 * Per county: the region as principal and up to four municipalities as principals; units of
 * several kinds (BUP, primary care, habilitation, paediatrics; social services, school,
 * preschool, pupil health, LSS); four staff with memberships per unit; and one bench staff
 * member (hsa_id 'BENCH-<county>') in the county's BUP unit, which takes part in, and is covered
 * by the consent of, about 80 % of the county's plans.
 *
 * Per plan: the child and two guardians (12-digit personnummer with a valid Luhn digit, unique),
 * 2–4 participating units plus the child and the guardians, a sufficient written consent covering
 * every participating unit for a period around today with its givers, an invitation with its
 * invitees, one meeting with attendance, 2–4 needs, 1–3 goals, 2–4 interventions (activity
 * reports on those begun), 0–1 measures by others, the chronology initiated → invited → mapped
 * → established, and plan version 1. The plans CHECK constraints and the transition trigger
 * are satisfied (plans are inserted 'initiated' and moved through the allowed transitions).
 *
 * Not part of the product: used by bench/run.ts only.
 */
import type { Database, Queryable } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { loadReferenceData } from '../src/store/reference-data.ts';
import { parseIdentityNumber } from '../src/domain/identity-number.ts';

export interface GenerateResult {
  plans: number;
  counties: number;
  units: number;
  staff: number;
  persons: number;
  seconds: number;
  skipped: boolean;
}

export interface BenchTarget {
  county: string;
  hsaId: string;
  planId: string;
}

const GIVEN = ['Alva', 'Elias', 'Maja', 'Noah', 'Vera', 'Hugo', 'Ella', 'Liam', 'Saga', 'William', 'Alice', 'Lucas',
  'Astrid', 'Oscar', 'Selma', 'Adam', 'Wilma', 'Leo', 'Ebba', 'Nils', 'Freja', 'Ali', 'Amira', 'Milo', 'Sara', 'Omar'];
const GIVEN_ADULT = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Anders', 'Sofia', 'Johan', 'Emma', 'Per', 'Linda',
  'Mikael', 'Sara', 'Fredrik', 'Jenny', 'Mohammed', 'Fatima', 'Peter', 'Helena', 'Daniel', 'Malin', 'Thomas', 'Ida'];
const FAMILY = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
  'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Lindberg', 'Jakobsson',
  'Magnusson', 'Lindström', 'Olofsson', 'Lindqvist', 'Axelsson', 'Berg', 'Holm', 'Ali', 'Hassan', 'Nguyen', 'Sandberg'];
const STREETS = ['Storgatan', 'Skolgatan', 'Kyrkogatan', 'Parkvägen', 'Björkvägen', 'Järnvägsgatan', 'Ringvägen', 'Södra vägen'];
const LIFE_AREAS = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'];
const NEEDS = [
  'Behöver stöd för att komma till skolan regelbundet.',
  'Oro och sömnsvårigheter som påverkar vardagen.',
  'Behöver anpassningar i undervisningen för att nå kunskapskraven.',
  'Familjen behöver stöd i föräldraskapet och i kontakten med vården.',
  'Saknar meningsfull fritid och kamrater utanför skolan.',
  'Behöver hjälp att uttrycka sina behov och bli lyssnad på.',
];
const GOALS = [
  'Närvaron i skolan ska vara minst 80 procent under terminen.',
  'Barnet ska sova minst åtta timmar per natt de flesta nätter.',
  'Barnet ska ha en fritidsaktivitet varje vecka.',
  'Familjen ska veta vem de ringer när något inte fungerar.',
  'Barnet ska nå godkänt i svenska och matematik.',
];
const CHILD_WORDS = ['Jag vill orka gå till skolan.', 'Jag vill kunna sova.', 'Jag vill ha en kompis.', 'Jag vill att mamma och pappa inte bråkar.', null];
const INTERVENTIONS = [
  'Samtalsstöd varannan vecka.', 'Anpassad studiegång och särskilt stöd i klassrummet.', 'Utredning av neuropsykiatriska svårigheter.',
  'Föräldrastödsprogram (ABC) för vårdnadshavarna.', 'Kontaktperson enligt LSS.', 'Läkemedelsuppföljning.',
  'Elevhälsans kurator träffar barnet varje vecka.', 'Stödfamilj en helg i månaden.',
];

const sqlText = (xs: readonly (string | null)[]) => `ARRAY[${xs.map((x) => (x === null ? 'NULL' : `'${x.replace(/'/g, "''")}'`)).join(', ')}]::text[]`;

/**
 * SQL for the Luhn check digit (SKV 704) over a text of the nine digits YYMMDDNNN: digits 1, 3,
 * 5, 7 and 9 doubled, digit sums added. One plain expression, so that it costs next to nothing.
 */
const luhnSql = (d: string) => `((10 - (${Array.from({ length: 9 }, (_, k) => k % 2 === 0
  ? `(substr(${d}, ${k + 1}, 1)::int * 2 / 10 + substr(${d}, ${k + 1}, 1)::int * 2 % 10)`
  : `substr(${d}, ${k + 1}, 1)::int`).join(' + ')}) % 10) % 10)`;

/** The statements, in order; {N} is N (plans), {TODAY} today. Temp tables vanish at commit. */
function statements(bulk: boolean): string[] {
  const S: string[] = [];
  const add = (text: string) => S.push(text);

  // ---- Organisation -------------------------------------------------------------------------
  add(`CREATE TEMP TABLE g_county ON COMMIT DROP AS
    SELECT c.county, c.region_name, (row_number() OVER (ORDER BY c.county) - 1)::int AS ci,
           (SELECT count(*) FROM counties)::int AS nc,
           (SELECT least(4, count(*))::int FROM municipalities m WHERE m.county = c.county) AS nm
    FROM counties c`);
  add(`CREATE TEMP TABLE g_principal ON COMMIT DROP AS
    SELECT c.county, uuid_v7() AS id, 'region'::text AS kind, c.region_name AS name, NULL::char(4) AS municipality_code,
           0 AS mk, NULL::text AS place
    FROM g_county c
    UNION ALL
    SELECT m.county, uuid_v7(), 'municipality', m.name, m.code, m.k, regexp_replace(m.name, ' (kommun|stad)$', '')
    FROM (SELECT m.*, row_number() OVER (PARTITION BY m.county ORDER BY m.code)::int AS k FROM municipalities m) m
    WHERE m.k <= 4`);
  add(`UPDATE g_principal p SET place = (SELECT regexp_replace(regexp_replace(c.region_name, '^Region ', ''), ' län$', '') FROM g_county c WHERE c.county = p.county)
    WHERE kind = 'region'`);
  add(`INSERT INTO principals (county, id, kind, name, municipality_code)
    SELECT county, id, kind, name, municipality_code FROM g_principal`);
  add(`CREATE TEMP TABLE g_unit ON COMMIT DROP AS
    SELECT p.county, uuid_v7() AS id, p.id AS principal_id, p.mk, u.kind, u.label || ' ' || p.place AS name, u.committee,
           p.municipality_code
    FROM g_principal p JOIN (VALUES
      ('region', 'child_psychiatry', 'BUP', 'Hälso- och sjukvårdsnämnden'),
      ('region', 'primary_care', 'Vårdcentralen', 'Hälso- och sjukvårdsnämnden'),
      ('region', 'habilitation', 'Barn- och ungdomshabiliteringen', 'Hälso- och sjukvårdsnämnden'),
      ('region', 'somatic_care', 'Barn- och ungdomsmedicinska mottagningen', 'Hälso- och sjukvårdsnämnden'),
      ('municipality', 'social_services_children', 'Individ- och familjeomsorgen, barn och unga,', 'Socialnämnden'),
      ('municipality', 'school', 'Centralskolan', 'Barn- och utbildningsnämnden'),
      ('municipality', 'preschool', 'Förskolan Solrosen', 'Barn- och utbildningsnämnden'),
      ('municipality', 'pupil_health', 'Elevhälsan', 'Barn- och utbildningsnämnden'),
      ('municipality', 'care_lss', 'LSS-handläggningen', 'Socialnämnden')
    ) AS u(pkind, kind, label, committee) ON u.pkind = p.kind`);
  add(`INSERT INTO units (county, id, principal_id, kind, name, committee, municipality_code)
    SELECT county, id, principal_id, kind, name, committee, municipality_code FROM g_unit`);
  add(`CREATE TEMP TABLE g_staff ON COMMIT DROP AS
    SELECT u.county, uuid_v7() AS id, u.id AS unit_id, s AS k, (row_number() OVER (ORDER BY u.county, u.id, s))::int AS n
    FROM g_unit u CROSS JOIN generate_series(1, 4) s`);
  add(`CREATE INDEX ON g_staff (unit_id, k)`);
  add(`ANALYZE g_staff`);
  add(`INSERT INTO staff (county, id, hsa_id, name, email, phone)
    SELECT county, id, 'SE' || county || '0000GEN-' || lpad(n::text, 5, '0'), g || ' ' || f,
           lower(translate(g || '.' || f, 'åäöÅÄÖé', 'aaoAAOe')) || '.' || n || '@example.se',
           '010-' || lpad((n * 7919 % 1000000)::text, 6, '0')
    FROM (SELECT s.*, (${sqlText(GIVEN_ADULT)})[1 + n % ${GIVEN_ADULT.length}] AS g,
                 (${sqlText(FAMILY)})[1 + (n / ${GIVEN_ADULT.length}) % ${FAMILY.length}] AS f FROM g_staff s) s`);
  add(`INSERT INTO memberships (county, id, staff_id, unit_id, role)
    SELECT county, uuid_v7(), id, unit_id, CASE WHEN k = 1 THEN 'manager' ELSE 'staff' END FROM g_staff`);
  // The bench staff member of each county: a psychologist at the county's BUP.
  add(`CREATE TEMP TABLE g_bench ON COMMIT DROP AS
    SELECT u.county, uuid_v7() AS id, u.id AS unit_id FROM g_unit u WHERE u.kind = 'child_psychiatry'`);
  add(`INSERT INTO staff (county, id, hsa_id, name, email)
    SELECT county, id, 'BENCH-' || county, 'Bänk Testsson ' || county, 'bench.' || county || '@example.se' FROM g_bench`);
  add(`INSERT INTO memberships (county, id, staff_id, unit_id, role)
    SELECT county, uuid_v7(), id, unit_id, 'staff' FROM g_bench`);

  // ---- Plans: one row per plan with every id and choice made up front ---------------------------
  add(`CREATE TEMP TABLE g_plan ON COMMIT DROP AS
    SELECT i, c.county, j, mk, uuid_v7() AS id, uuid_v7() AS child_id, uuid_v7() AS g1_id, uuid_v7() AS g2_id,
           uuid_v7() AS consent_id, uuid_v7() AS invitation_id, uuid_v7() AS meeting_id,
           2 + i % 3 AS n_needs, 1 + (i / 3) % 3 AS n_goals, 2 + (i / 9) % 3 AS n_iv,
           (i % 5 <> 4) AS with_bup, i % 3 AS extra, (i % 2 = 0) AS with_measure,
           date '2009-01-01' + (i * 37 % 4800) AS birth_date, 100 + i / 4800 AS serial,
           (now() - make_interval(days => 60 + i % 300, hours => i % 7)) AS initiated_at,
           (i % 97 = 0) AS protected
    FROM generate_series(0, {N}::int - 1) i
    CROSS JOIN LATERAL (SELECT * FROM g_county c WHERE c.ci = i % c.nc) c
    CROSS JOIN LATERAL (SELECT i / c.nc AS j, 1 + (i / c.nc) % c.nm AS mk) x`);
  add(`ALTER TABLE g_plan ADD COLUMN muni_principal uuid, ADD COLUMN place text, ADD COLUMN soc uuid, ADD COLUMN coordinator uuid,
    ADD COLUMN held_at timestamptz, ADD COLUMN established_at timestamptz`);
  add(`UPDATE g_plan g SET muni_principal = p.id, place = p.place, soc = u.id, coordinator = s.id,
      held_at = date_trunc('hour', g.initiated_at) + interval '21 days 9 hours',
      established_at = date_trunc('hour', g.initiated_at) + interval '21 days 10 hours 30 minutes'
    FROM g_principal p, g_unit u, g_staff s
    WHERE p.county = g.county AND p.kind = 'municipality' AND p.mk = g.mk
      AND u.county = g.county AND u.principal_id = p.id AND u.kind = 'social_services_children'
      AND s.unit_id = u.id AND s.k = 2`);
  add(`CREATE UNIQUE INDEX ON g_plan (i)`);
  add(`ANALYZE g_plan`);
  // Participating units: social services (initiating, coordinator's unit) and the school always;
  // BUP in 80 %; pupil health or habilitation in two thirds.
  add(`CREATE TEMP TABLE g_pu ON COMMIT DROP AS
    SELECT x.i, x.county, x.plan_id, (row_number() OVER (PARTITION BY x.i ORDER BY x.o))::int AS ord, x.unit_id,
           u.principal_id, (SELECT s.id FROM g_staff s WHERE s.unit_id = x.unit_id AND s.k = 2 + x.i % 3) AS staff_id,
           count(*) OVER (PARTITION BY x.i)::int AS n_units
    FROM (
      SELECT g.i, g.county, g.id AS plan_id, 1 AS o, g.soc AS unit_id FROM g_plan g
      UNION ALL
      SELECT g.i, g.county, g.id, 2, u.id FROM g_plan g JOIN g_unit u ON u.county = g.county AND u.mk = g.mk AND u.kind = 'school'
      UNION ALL
      SELECT g.i, g.county, g.id, 3, u.id FROM g_plan g JOIN g_unit u ON u.county = g.county AND u.kind = 'child_psychiatry' WHERE g.with_bup
      UNION ALL
      SELECT g.i, g.county, g.id, 4, u.id FROM g_plan g JOIN g_unit u ON u.county = g.county
        AND ((g.extra = 0 AND u.mk = g.mk AND u.kind = 'pupil_health') OR (g.extra = 1 AND u.kind = 'habilitation'))
    ) x JOIN g_unit u ON u.county = x.county AND u.id = x.unit_id`);
  add(`CREATE INDEX ON g_pu (i, ord)`);
  add(`ANALYZE g_pu`);

  // ---- Persons ----------------------------------------------------------------------------------
  add(`INSERT INTO persons (county, id, identity_kind, identity_number, birth_date, given_name, family_name,
                           protected_identity, address, phone, email, created_at)
    SELECT g.county, x.id, 'personnummer', to_char(x.b, 'YYYY')::text || substr(d.d9, 3) || ${luhnSql('d.d9')}::text, x.b, x.given, x.family,
           g.protected AND x.role = 'child',
           (${sqlText(STREETS)})[1 + (g.i + x.r) % ${STREETS.length}] || ' ' || (1 + (g.i * 13 + x.r) % 80) || ', '
             || (10000 + g.i * 7 % 89999) || ' ' || g.place,
           CASE WHEN x.role = 'child' THEN NULL ELSE '07' || (g.i * 2 + x.r) % 4 || '-' || lpad(((g.i * 2 + x.r) * 7919 % 10000000)::text, 7, '0') END,
           CASE WHEN x.role = 'child' THEN NULL ELSE lower(translate(x.given || '.' || x.family, 'åäöÅÄÖé', 'aaoAAOe')) || g.i || '@example.se' END,
           g.initiated_at - interval '1 day'
    FROM g_plan g CROSS JOIN LATERAL (VALUES
      ('child', 0, g.child_id, g.birth_date, g.serial,
        (${sqlText(GIVEN)})[1 + g.i % ${GIVEN.length}], (${sqlText(FAMILY)})[1 + (g.i / 7) % ${FAMILY.length}]),
      ('guardian', 1, g.g1_id, date '1966-01-01' + ((g.i * 2) * 53 % 9500), 200 + (g.i * 2) / 9500,
        (${sqlText(GIVEN_ADULT)})[1 + (g.i * 2) % ${GIVEN_ADULT.length}], (${sqlText(FAMILY)})[1 + (g.i / 7) % ${FAMILY.length}]),
      ('guardian', 2, g.g2_id, date '1966-01-01' + ((g.i * 2 + 1) * 53 % 9500), 200 + (g.i * 2 + 1) / 9500,
        (${sqlText(GIVEN_ADULT)})[1 + (g.i * 2 + 5) % ${GIVEN_ADULT.length}], (${sqlText(FAMILY)})[1 + (g.i / 5) % ${FAMILY.length}])
    ) AS x(role, r, id, b, serial, given, family)
    CROSS JOIN LATERAL (SELECT to_char(x.b, 'YYMMDD') || lpad(x.serial::text, 3, '0') AS d9) d`);
  add(`INSERT INTO guardianships (county, child_id, guardian_id)
    SELECT county, child_id, g1_id FROM g_plan UNION ALL SELECT county, child_id, g2_id FROM g_plan`);

  // ---- Plans. Bulk mode (triggers and FK checks off, see generatePlans): inserted 'established'
  // directly, the chronology rows below record the path. Otherwise inserted 'initiated', as the
  // transition trigger demands, and moved through the allowed transitions.
  const planInsert = (state: string, extra: string, extraValues: string) => `INSERT INTO plans (county, id, plan_number, child_id, state, reason,
        initiating_unit_id, initiated_by, initiated_at, coordinator_staff_id, coordinator_unit_id, overall_principal_id,
        next_follow_up_on, no_measures_by_others${extra})
    SELECT g.county, g.id, 'SIP-' || to_char(g.initiated_at, 'YYYY') || '-' || lpad(nextval('plan_number_seq')::text, 6, '0'),
           g.child_id, '${state}',
           (${sqlText(NEEDS)})[1 + g.i % ${NEEDS.length}] || ' Flera verksamheter är inblandade och insatserna behöver samordnas.',
           g.soc, g.coordinator, g.initiated_at, g.coordinator, g.soc, g.muni_principal,
           {TODAY}::date + 1 + g.i % 90, NOT g.with_measure${extraValues}
    FROM g_plan g ORDER BY g.i`;
  if (bulk) {
    add(planInsert('established', ', version, plan_version, established_at, updated_at', ', 4, 1, g.established_at, g.established_at'));
  } else {
    add(planInsert('initiated', ', updated_at', ', g.initiated_at'));
    add(`UPDATE plans p SET state = 'invited', version = version + 1 FROM g_plan g WHERE p.county = g.county AND p.id = g.id`);
    add(`UPDATE plans p SET state = 'mapped', version = version + 1 FROM g_plan g WHERE p.county = g.county AND p.id = g.id`);
    add(`UPDATE plans p SET state = 'established', version = version + 1, plan_version = 1, established_at = g.established_at,
        updated_at = g.established_at
      FROM g_plan g WHERE p.county = g.county AND p.id = g.id`);
  }
  add(`INSERT INTO plan_state_changes (county, id, plan_id, from_state, to_state, at, by_staff_id, by_unit_id, note)
    SELECT g.county, uuid_v7(), g.id, x.f, x.t, x.at, g.coordinator, g.soc, x.note
    FROM g_plan g CROSS JOIN LATERAL (VALUES
      (NULL, 'initiated', g.initiated_at, NULL),
      ('initiated', 'invited', g.initiated_at + interval '3 days', NULL),
      ('invited', 'mapped', g.held_at - interval '2 days', NULL),
      ('mapped', 'established', g.established_at, 'Upprättad vid första mötet.')
    ) AS x(f, t, at, note)`);

  // ---- Participants --------------------------------------------------------------------------
  add(`INSERT INTO plan_participants (county, id, plan_id, kind, unit_id, staff_id, role_note, added_at)
    SELECT pu.county, uuid_v7(), pu.plan_id, 'unit', pu.unit_id, pu.staff_id,
           CASE WHEN pu.ord = 1 THEN 'Samordnande verksamhet' END, g.initiated_at + make_interval(mins => pu.ord)
    FROM g_pu pu JOIN g_plan g ON g.i = pu.i`);
  add(`INSERT INTO plan_participants (county, id, plan_id, kind, person_id, added_at)
    SELECT g.county, uuid_v7(), g.id, x.kind, x.person_id, g.initiated_at
    FROM g_plan g CROSS JOIN LATERAL (VALUES ('child', g.child_id), ('guardian', g.g1_id), ('guardian', g.g2_id)) AS x(kind, person_id)`);

  // ---- Consent: written, sufficient, covering every participating unit, valid around today ----
  add(`INSERT INTO consents (county, id, plan_id, form, given_on, valid_from, valid_until, excludes, sufficient,
                            recorded_by, recorded_unit, recorded_at)
    SELECT g.county, g.consent_id, g.id, 'written', g.initiated_at::date + 7, g.initiated_at::date + 7,
           {TODAY}::date + 180 + g.i % 180, CASE WHEN g.i % 4 = 0 THEN 'Journalanteckningar från BUP före 2023.' END, true,
           g.coordinator, g.soc, g.initiated_at + interval '7 days'
    FROM g_plan g`);
  add(`INSERT INTO consent_units (county, consent_id, unit_id)
    SELECT pu.county, g.consent_id, pu.unit_id FROM g_pu pu JOIN g_plan g ON g.i = pu.i`);
  add(`INSERT INTO consent_givers (county, consent_id, person_id, role, stance)
    SELECT g.county, g.consent_id, x.person_id, x.role, 'consents'
    FROM g_plan g CROSS JOIN LATERAL (VALUES ('guardian', g.g1_id), ('guardian', g.g2_id), ('child', g.child_id)) AS x(role, person_id)
    WHERE x.role = 'guardian' OR age({TODAY}::date, g.birth_date) >= interval '12 years'`);

  // ---- Invitation, meeting ---------------------------------------------------------------------
  add(`INSERT INTO invitations (county, id, plan_id, purpose, question, starts_at, ends_at, place, video_link,
                               meeting_leader_id, sent_by, sent_at)
    SELECT g.county, g.invitation_id, g.id, 'Första SIP-mötet: kartlägga behoven och ta fram en gemensam plan.',
           'Hur kan vi tillsammans ge barnet det stöd som behövs i skolan och hemma?',
           g.held_at, g.held_at + interval '90 minutes',
           CASE WHEN g.i % 5 = 0 THEN NULL ELSE 'Familjecentralen, ' || g.place END,
           CASE WHEN g.i % 5 = 0 THEN 'https://mote.example.se/sip/' || g.i END,
           g.coordinator, g.coordinator, g.initiated_at + interval '3 days'
    FROM g_plan g`);
  add(`INSERT INTO invitees (county, id, invitation_id, plan_id, unit_id, staff_id, person_id, answer, answered_at, answered_by)
    SELECT pu.county, uuid_v7(), g.invitation_id, g.id, pu.unit_id, pu.staff_id, NULL, 'accepted', g.initiated_at + interval '5 days', pu.staff_id
    FROM g_pu pu JOIN g_plan g ON g.i = pu.i
    UNION ALL
    SELECT g.county, uuid_v7(), g.invitation_id, g.id, NULL, NULL, x.person_id, 'accepted', g.initiated_at + interval '6 days', NULL
    FROM g_plan g CROSS JOIN LATERAL (VALUES (g.g1_id), (g.g2_id)) AS x(person_id)`);
  add(`INSERT INTO meetings (county, id, plan_id, invitation_id, kind, held_at, by_video, child_present, notes, recorded_by, recorded_at)
    SELECT g.county, g.meeting_id, g.id, g.invitation_id, 'first', g.held_at, g.i % 5 = 0, g.i % 3 <> 0,
           'Behoven kartlades tillsammans med familjen. Mål och insatser beslutades och planen upprättades.',
           g.coordinator, g.established_at
    FROM g_plan g`);
  add(`INSERT INTO meeting_attendance (county, meeting_id, id, unit_id, staff_id, person_id)
    SELECT pu.county, g.meeting_id, uuid_v7(), pu.unit_id, pu.staff_id, NULL FROM g_pu pu JOIN g_plan g ON g.i = pu.i
    UNION ALL
    SELECT g.county, g.meeting_id, uuid_v7(), NULL, NULL, x.person_id
    FROM g_plan g CROSS JOIN LATERAL (VALUES (g.g1_id), (g.g2_id), (CASE WHEN g.i % 3 <> 0 THEN g.child_id END)) AS x(person_id)
    WHERE x.person_id IS NOT NULL`);

  // ---- Needs, goals, interventions, measures by others -----------------------------------------
  add(`CREATE TEMP TABLE g_need ON COMMIT DROP AS
    SELECT g.i, g.county, g.id AS plan_id, s.k, uuid_v7() AS id FROM g_plan g CROSS JOIN LATERAL generate_series(1, g.n_needs) AS s(k)`);
  add(`CREATE INDEX ON g_need (i, k)`);
  add(`ANALYZE g_need`);
  add(`INSERT INTO needs (county, id, plan_id, life_area, description, family_view, child_view, created_by, created_at)
    SELECT n.county, n.id, n.plan_id, (${sqlText(LIFE_AREAS)})[1 + (n.i + n.k) % 8],
           (${sqlText(NEEDS)})[1 + (n.i + n.k) % ${NEEDS.length}],
           CASE WHEN n.k = 1 THEN 'Vårdnadshavarna delar bilden och vill ha hjälp.' END,
           CASE WHEN n.k = 1 THEN 'Det är jobbigt på morgonen.' END,
           g.coordinator, g.held_at + make_interval(mins => n.k)
    FROM g_need n JOIN g_plan g ON g.i = n.i`);
  add(`CREATE TEMP TABLE g_goal ON COMMIT DROP AS
    SELECT g.i, g.county, g.id AS plan_id, s.k, uuid_v7() AS id, n.id AS need_id
    FROM g_plan g CROSS JOIN LATERAL generate_series(1, g.n_goals) AS s(k)
    JOIN g_need n ON n.i = g.i AND n.k = 1 + (s.k - 1) % g.n_needs`);
  add(`CREATE INDEX ON g_goal (i, k)`);
  add(`ANALYZE g_goal`);
  add(`INSERT INTO goals (county, id, plan_id, need_id, professional_wording, child_words, created_by, created_at)
    SELECT o.county, o.id, o.plan_id, o.need_id, (${sqlText(GOALS)})[1 + (o.i + o.k) % ${GOALS.length}],
           (${sqlText(CHILD_WORDS)})[1 + (o.i + o.k) % ${CHILD_WORDS.length}], g.coordinator, g.held_at + make_interval(mins => 10 + o.k)
    FROM g_goal o JOIN g_plan g ON g.i = o.i`);
  add(`CREATE TEMP TABLE g_iv ON COMMIT DROP AS
    SELECT g.i, g.county, g.id AS plan_id, s.k, uuid_v7() AS id, o.id AS goal_id,
           pu.unit_id, pu.principal_id, pu.staff_id,
           g.established_at::date AS starts_on, g.established_at::date + 60 + 30 * s.k AS due_on,
           (ARRAY['planned', 'ongoing', 'ongoing', 'done'])[1 + (g.i + s.k) % 4] AS status
    FROM g_plan g CROSS JOIN LATERAL generate_series(1, g.n_iv) AS s(k)
    JOIN g_goal o ON o.i = g.i AND o.k = 1 + (s.k - 1) % g.n_goals
    JOIN g_pu pu ON pu.i = g.i AND pu.ord = 1 + (s.k - 1) % pu.n_units`);
  add(`INSERT INTO interventions (county, id, plan_id, goal_id, description, principal_id, unit_id, responsible_staff_id,
                                 starts_on, due_on, status, done_on, created_by, created_at)
    SELECT v.county, v.id, v.plan_id, v.goal_id, (${sqlText(INTERVENTIONS)})[1 + (v.i + v.k) % ${INTERVENTIONS.length}],
           v.principal_id, v.unit_id, v.staff_id, v.starts_on, v.due_on, v.status,
           CASE WHEN v.status = 'done' THEN v.starts_on + 20 END, g.coordinator, g.held_at + make_interval(mins => 20 + v.k)
    FROM g_iv v JOIN g_plan g ON g.i = v.i`);
  add(`INSERT INTO activity_reports (county, id, plan_id, intervention_id, status, note, reported_by, reported_unit, reported_at)
    SELECT v.county, uuid_v7(), v.plan_id, v.id, v.status,
           CASE WHEN v.status = 'done' THEN 'Insatsen är genomförd enligt plan.' ELSE 'Insatsen har startat; barnet deltar.' END,
           v.staff_id, v.unit_id, g.established_at + interval '14 days'
    FROM g_iv v JOIN g_plan g ON g.i = v.i WHERE v.status IN ('ongoing', 'done')`);
  add(`INSERT INTO measures_by_others (county, id, plan_id, actor, description, created_by, created_at)
    SELECT g.county, uuid_v7(), g.id, (ARRAY['Idrottsföreningen', 'Kyrkans ungdomsverksamhet', 'Studieförbundet'])[1 + g.i % 3],
           'Barnet deltar i en fritidsaktivitet en gång i veckan med stöd av en ledare.', g.coordinator, g.held_at + interval '40 minutes'
    FROM g_plan g WHERE g.with_measure`);

  // ---- Plan version 1: the contents frozen at establishment ------------------------------------
  add(`INSERT INTO plan_versions (county, plan_id, version_no, content, reason, created_by, created_at)
    SELECT g.county, g.id, 1, jsonb_build_object(
        'reason', p.reason, 'overallPrincipalId', p.overall_principal_id, 'nextFollowUpOn', p.next_follow_up_on,
        'noMeasuresByOthers', p.no_measures_by_others,
        'coordinator', jsonb_build_object('staffId', g.coordinator, 'unitId', g.soc),
        'participants', (SELECT jsonb_agg(jsonb_build_object('unitId', pu.unit_id, 'staffId', pu.staff_id) ORDER BY pu.ord) FROM g_pu pu WHERE pu.i = g.i),
        'needs', (SELECT jsonb_agg(jsonb_build_object('id', n.id, 'lifeArea', n.life_area, 'description', n.description) ORDER BY n.created_at)
                  FROM needs n WHERE n.county = g.county AND n.plan_id = g.id),
        'goals', (SELECT jsonb_agg(jsonb_build_object('id', o.id, 'needId', o.need_id, 'professionalWording', o.professional_wording,
                  'childWords', o.child_words) ORDER BY o.created_at) FROM goals o WHERE o.county = g.county AND o.plan_id = g.id),
        'interventions', (SELECT jsonb_agg(jsonb_build_object('id', v.id, 'goalId', v.goal_id, 'description', v.description,
                  'unitId', v.unit_id, 'dueOn', v.due_on) ORDER BY v.starts_on, v.id) FROM interventions v WHERE v.county = g.county AND v.plan_id = g.id),
        'measuresByOthers', coalesce((SELECT jsonb_agg(jsonb_build_object('id', m.id, 'actor', m.actor, 'description', m.description))
                  FROM measures_by_others m WHERE m.county = g.county AND m.plan_id = g.id), '[]'::jsonb)),
      'Upprättad', g.coordinator, g.established_at
    FROM g_plan g JOIN plans p ON p.county = g.county AND p.id = g.id`);

  add(`CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, plans int NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())`);
  add(`INSERT INTO bench_meta (key, plans) VALUES ('generated', {N}::int)`);
  return S;
}

/**
 * Checks every foreign key of the public schema with one anti-join each (MATCH SIMPLE: a row with
 * a NULL in the key is not checked, as PostgreSQL does). Returns the broken ones.
 */
async function verifyForeignKeys(tx: Queryable): Promise<string[]> {
  const fks = await tx.query<{ name: string; child: string; parent: string; cc: string[]; pc: string[] }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cc,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS pc
     FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
     WHERE c.contype = 'f' AND ns.nspname = 'public'`);
  const broken: string[] = [];
  for (const fk of fks) {
    const q = (x: string) => `"${x.replace(/"/g, '""')}"`;
    const rows = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${fk.child} c
       WHERE ${fk.cc.map((col) => `c.${q(col)} IS NOT NULL`).join(' AND ')}
         AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE ${fk.cc.map((col, i) => `p.${q(fk.pc[i]!)} = c.${q(col)}`).join(' AND ')})`);
    if (rows[0]!.n > 0) broken.push(`${fk.child}.${fk.name}: ${rows[0]!.n} rows`);
  }
  return broken;
}

/** The N of a previous generation on this database, or null. */
export async function generatedPlans(db: Queryable): Promise<number | null> {
  const t = await db.query<{ t: string | null }>(`SELECT to_regclass('bench_meta')::text AS t`);
  if (!t[0]?.t) return null;
  const rows = await db.query<{ plans: number }>(`SELECT plans FROM bench_meta WHERE key = 'generated'`);
  return rows[0]?.plans ?? null;
}

/**
 * Migrates, loads the reference data and generates `n` established plans, unless this database
 * already holds a generation of the same size (then nothing is done). A database holding a
 * generation of another size is refused: use a fresh database.
 */
export async function generatePlans(db: Database, n: number, o: { today?: string; log?: (line: string) => void } = {}): Promise<GenerateResult> {
  const log = o.log ?? (() => {});
  const started = performance.now();
  await migrate(db);
  await db.transaction((tx) => loadReferenceData(tx));
  const previous = await generatedPlans(db);
  const counts = async () => (await db.query<{ counties: number; units: number; staff: number; persons: number; plans: number }>(
    `SELECT (SELECT count(*) FROM counties)::int AS counties, (SELECT count(*) FROM units)::int AS units,
            (SELECT count(*) FROM staff)::int AS staff, (SELECT count(*) FROM persons)::int AS persons,
            (SELECT count(*) FROM plans WHERE state = 'established')::int AS plans`))[0]!;
  if (previous === n) return { ...(await counts()), plans: n, seconds: 0, skipped: true };
  if (previous !== null) throw new Error(`This database already holds a generated set of ${previous} plans, not ${n}: use a fresh database.`);
  const today = o.today ?? new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  // A superuser loads with session_replication_role = replica for this transaction only: no
  // triggers and no per-row FK checks (several times faster). CHECK constraints still hold, and
  // every foreign key of the schema is then verified set-based before the commit.
  const bulk = (await db.query<{ s: boolean }>('SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user'))[0]?.s === true;
  log(`  generating ${n} plans (${bulk ? 'bulk mode: triggers and FK checks deferred to one verification' : 'row-checked mode'})`);
  await db.transaction(async (tx) => {
    if (bulk) await tx.query('SET LOCAL session_replication_role = replica');
    for (const template of statements(bulk)) {
      const params: unknown[] = [];
      const text = template.replace(/\{(N|TODAY)\}/g, (_m, name: string) => {
        params.push(name === 'N' ? n : today);
        return `$${params.length}`;
      });
      const t0 = performance.now();
      try {
        await tx.query(text, params.length ? params : undefined);
      } catch (error) {
        throw new Error(`generate-plans failed at: ${text.trim().slice(0, 200)}`, { cause: error });
      }
      const ms = performance.now() - t0;
      if (ms > 1000) log(`  ${(ms / 1000).toFixed(1)} s  ${text.trim().split('\n')[0]!.slice(0, 90)}`);
    }
    if (bulk) {
      await tx.query('SET LOCAL session_replication_role = origin');
      const broken = await verifyForeignKeys(tx);
      if (broken.length) throw new Error(`generated rows break foreign keys: ${broken.join('; ')}`);
    }
  });
  await db.query('VACUUM ANALYZE');
  // Every generated identity number must parse as a valid personnummer (Luhn included).
  const sample = await db.query<{ identity_number: string }>(
    `SELECT identity_number FROM persons TABLESAMPLE SYSTEM (5) WHERE identity_kind = 'personnummer' LIMIT 2000`);
  const bad = sample.filter((r) => !parseIdentityNumber(r.identity_number, { today }).ok);
  if (bad.length) throw new Error(`${bad.length} of ${sample.length} sampled identity numbers do not parse`);
  return { ...(await counts()), seconds: (performance.now() - started) / 1000, skipped: false };
}

/**
 * The (bench staff, plan) pairs the load cycles through: every plan in which the bench staff
 * member's unit takes part and is covered by a valid consent, interleaved across counties.
 */
export async function benchTargets(db: Queryable, today: string): Promise<BenchTarget[]> {
  return db.query<BenchTarget>(
    `SELECT s.county, s.hsa_id AS "hsaId", pp.plan_id AS "planId"
     FROM staff s JOIN memberships m ON m.county = s.county AND m.staff_id = s.id AND m.active
     JOIN plan_participants pp ON pp.county = m.county AND pp.unit_id = m.unit_id AND pp.kind = 'unit' AND pp.active
     JOIN plans p ON p.county = pp.county AND p.id = pp.plan_id AND p.state = 'established'
     WHERE s.hsa_id LIKE 'BENCH-%'
       AND EXISTS (SELECT 1 FROM consents c JOIN consent_units cu ON cu.county = c.county AND cu.consent_id = c.id
                   WHERE c.county = p.county AND c.plan_id = p.id AND cu.unit_id = m.unit_id AND c.sufficient
                     AND c.withdrawn_at IS NULL AND $1::date BETWEEN c.valid_from AND c.valid_until)
     ORDER BY row_number() OVER (PARTITION BY s.county ORDER BY p.plan_number), s.county`, [today]);
}
