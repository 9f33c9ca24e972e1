import { boundBy, readingState, sharePercent, type Assignment } from '../../domain/governing-documents.ts';
import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import { SUPPRESSION_THRESHOLD } from '../../domain/key-figures.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { byDocument, loadAcknowledged, loadDocuments, loadVersions } from '../library/document-rows.ts';

export interface UnitTraining {
  unitId: string;
  unitName: string;
  unitKind: string;
  principalId: string;
  principalName: string;
  /** People in the unit whom some document asks to read it; null when withheld (see suppressSmall). */
  members: number | null;
  upToDate: number | null;
  /** Whole per cent, null when nobody in the unit has anything to read. */
  share: number | null;
  /** By name, for the unit's manager and the principal's admin only. */
  people?: Array<{ staffId: string; name: string; missing: Array<{ documentId: string; title: string }> }>;
}

/** Counts under the threshold are withheld (members, upToDate and share null) for those who see no names. */
function suppressSmall<T extends { members: number | null; upToDate: number | null; share: number | null }>(row: T): T & { suppressed: boolean } {
  const small = row.members !== null && row.members > 0 && row.members < SUPPRESSION_THRESHOLD;
  return small ? { ...row, members: null, upToDate: null, share: null, suppressed: true } : { ...row, suppressed: false };
}

export interface TrainingStatus {
  units: UnitTraining[];
  principals: Array<{ principalId: string; principalName: string; members: number | null; upToDate: number | null; share: number | null; suppressed?: boolean }>;
}

/**
 * Who is up to date with the agreements and routines, per unit and principal (issue 8 item 4; the
 * audits' recommendation 1 asks that the training be followed up). A person counts in a unit for
 * what their assignment there asks of them: a teacher who is also pupil-health staff may be up to
 * date in one and not the other. A manager sees their own units by name, a principal's admin all
 * the principal's units by name; an analyst sees the county's shares and no names.
 */
export async function unitTrainingStatus(ctx: Context, { actor }: { actor: Actor }): Promise<TrainingStatus> {
  if (actor.role === 'staff') throw new ServiceError(403, 'role', 'Utbildningsläget per verksamhet är till för chefer, administratörer och uppföljare.');
  const today = swedishDate(ctx.clock.now());
  const named = actor.role === 'manager' || actor.role === 'principal_admin';
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ unitId: string; unitName: string; unitKind: Assignment['unitKind']; principalId: string; principalName: string; municipalityCode: string | null; staffId: string | null; name: string | null; roles: Assignment['role'][] | null }>(
      `SELECT u.id AS "unitId", u.name AS "unitName", u.kind AS "unitKind", p.id AS "principalId", p.name AS "principalName", u.municipality_code AS "municipalityCode",
              m.staff_id AS "staffId", s.name, m.roles
       FROM units u JOIN principals p ON p.county = u.county AND p.id = u.principal_id
       LEFT JOIN LATERAL (SELECT m.staff_id, array_agg(m.role) AS roles FROM memberships m
                          JOIN staff st ON st.county = m.county AND st.id = m.staff_id AND st.active
                          WHERE m.county = u.county AND m.unit_id = u.id AND m.active GROUP BY m.staff_id) m ON true
       LEFT JOIN staff s ON s.county = u.county AND s.id = m.staff_id
       WHERE u.county = $1 AND u.active
         AND CASE $4 WHEN 'manager' THEN u.id IN (SELECT unit_id FROM memberships WHERE county = $1 AND staff_id = $2::uuid AND role = 'manager' AND active)
                     WHEN 'principal_admin' THEN u.principal_id = $3::uuid ELSE true END
       ORDER BY p.kind DESC, p.name, u.name, s.name`, [actor.county, actor.staffId, actor.principalId, actor.role]);
    const staffIds = [...new Set(rows.flatMap((r) => (r.staffId ? [r.staffId] : [])))];
    const [documents, versions, acknowledged] = await Promise.all([
      loadDocuments(tx, actor.county), loadVersions(tx, actor.county), loadAcknowledged(tx, actor.county, staffIds),
    ]);
    const versionsOf = byDocument(versions);
    const units = new Map<string, UnitTraining & { members: number; upToDate: number }>();
    // Per principal a person counts once: up to date only when up to date in every unit they serve there.
    const people = new Map<string, Map<string, boolean>>();
    for (const r of rows) {
      let unit = units.get(r.unitId);
      if (!unit) {
        unit = { unitId: r.unitId, unitName: r.unitName, unitKind: r.unitKind, principalId: r.principalId, principalName: r.principalName, members: 0, upToDate: 0, share: null, ...(named ? { people: [] } : {}) };
        units.set(r.unitId, unit);
      }
      if (!r.staffId) continue;
      const assignments = (r.roles ?? []).map((role) => ({ unitKind: r.unitKind, role, principalId: r.principalId, municipalityCode: r.municipalityCode }));
      let required = 0;
      const missing: Array<{ documentId: string; title: string }> = [];
      for (const d of documents) {
        const state = readingState(versionsOf.get(d.id) ?? [], boundBy(d.parties, assignments), acknowledged.get(r.staffId)?.get(d.id) ?? [], today);
        if (!state.required) continue;
        required++;
        if (!state.upToDate) missing.push({ documentId: d.id, title: d.title });
      }
      if (required === 0) continue;
      const inPrincipal = people.get(r.principalId) ?? new Map<string, boolean>();
      people.set(r.principalId, inPrincipal.set(r.staffId, (inPrincipal.get(r.staffId) ?? true) && missing.length === 0));
      unit.members++;
      if (missing.length === 0) unit.upToDate++;
      unit.people?.push({ staffId: r.staffId, name: r.name!, missing });
    }
    const list = [...units.values()].map((u) => ({ ...u, share: sharePercent(u.upToDate, u.members) }));
    const principals = new Map<string, TrainingStatus['principals'][number]>();
    for (const u of list) {
      if (principals.has(u.principalId)) continue;
      const inPrincipal = [...(people.get(u.principalId)?.values() ?? [])];
      const upToDate = inPrincipal.filter(Boolean).length;
      principals.set(u.principalId, { principalId: u.principalId, principalName: u.principalName, members: inPrincipal.length, upToDate, share: sharePercent(upToDate, inPrincipal.length) });
    }
    // Names of staff who have not read a document are personal data about the staff: their reading is logged.
    if (named) await appendAudit(tx, [actorEvent(actor, 'R', 'training.unit_status', { detail: { unitIds: list.map((u) => u.unitId) } })]);
    if (named) return { units: list, principals: [...principals.values()] };
    // Without names, a count of one to four still points at people: whoever knows the unit's staff
    // knows who has not read. The same threshold as the key figures (SUPPRESSION_THRESHOLD).
    return { units: list.map(suppressSmall), principals: [...principals.values()].map(suppressSmall) };
  });
}
