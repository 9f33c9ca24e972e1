/**
 * The queries the library and the training figures share: a county's documents with their
 * versions and audiences, a person's assignments, and what people have confirmed reading. The
 * library of a county is small (tens of documents), so the rules of src/domain run over it whole.
 */
import type { Queryable } from '../../store/database.ts';
import type { DocumentKind, PlacedAssignment, Signatory, VersionFacts } from '../../domain/governing-documents.ts';

export interface VersionRow extends VersionFacts {
  documentId: string;
  effectiveUntil: string | null;
  changeSummary: string;
  publishedAt: Date;
  publishedBy: string | null;
}

export interface DocumentRow {
  id: string;
  kind: DocumentKind;
  title: string;
  inductionOrder: number | null;
  localAgreementId: string | null;
  localAgreementName: string | null;
  /** The parties that have signed: those it binds, whose admins keep it. */
  signatories: Array<Signatory & { name: string }>;
  /** Parties named when it was written whose own admin has not signed yet: not bound by it. */
  awaitingSignature: Array<{ id: string; name: string }>;
  /** All parties, signed or not: who is bound, and where the document applies (covers()). */
  parties: Signatory[];
}

/** The county's documents (or one), signatories included, in reading order: induction first. */
export async function loadDocuments(db: Queryable, county: string, documentId?: string): Promise<DocumentRow[]> {
  return db.query<DocumentRow>(
    `SELECT d.id, d.kind, d.title, d.induction_order AS "inductionOrder", d.local_agreement_id AS "localAgreementId", la.name AS "localAgreementName",
            coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'kind', p.kind, 'municipalityCode', p.municipality_code) ORDER BY p.kind DESC, p.name)
                      FROM governing_document_principals gp JOIN principals p ON p.county = gp.county AND p.id = gp.principal_id
                      WHERE gp.county = d.county AND gp.document_id = d.id AND gp.signed_at IS NOT NULL), '[]'::json) AS signatories,
            coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.kind DESC, p.name)
                      FROM governing_document_principals gp JOIN principals p ON p.county = gp.county AND p.id = gp.principal_id
                      WHERE gp.county = d.county AND gp.document_id = d.id AND gp.signed_at IS NULL), '[]'::json) AS "awaitingSignature",
            (SELECT json_agg(json_build_object('id', p.id, 'kind', p.kind, 'municipalityCode', p.municipality_code, 'signed', gp.signed_at IS NOT NULL))
             FROM governing_document_principals gp JOIN principals p ON p.county = gp.county AND p.id = gp.principal_id
             WHERE gp.county = d.county AND gp.document_id = d.id) AS parties
     FROM governing_documents d
     LEFT JOIN local_agreements la ON la.county = d.county AND la.id = d.local_agreement_id
     WHERE d.county = $1 AND ($2::uuid IS NULL OR d.id = $2::uuid)
     ORDER BY d.induction_order NULLS LAST, d.title`, [county, documentId ?? null]);
}

/** Every version of the county's documents (or of one), with whom each asks to read it. */
export async function loadVersions(db: Queryable, county: string, documentId?: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT v.document_id AS "documentId", v.version_no AS "versionNo", v.effective_from AS "effectiveFrom", v.effective_until AS "effectiveUntil",
            v.change_summary AS "changeSummary", v.published_at AS "publishedAt", s.name AS "publishedBy",
            coalesce((SELECT json_agg(json_build_object('unitKind', a.unit_kind, 'role', a.role) ORDER BY a.unit_kind NULLS FIRST, a.role NULLS FIRST)
                      FROM document_version_audiences a
                      WHERE a.county = v.county AND a.document_id = v.document_id AND a.version_no = v.version_no), '[]'::json) AS audiences
     FROM document_versions v LEFT JOIN staff s ON s.county = v.county AND s.id = v.published_by
     WHERE v.county = $1 AND ($2::uuid IS NULL OR v.document_id = $2::uuid)
     ORDER BY v.document_id, v.version_no`, [county, documentId ?? null]);
}

/** Versions grouped by document. */
export function byDocument(versions: readonly VersionRow[]): Map<string, VersionRow[]> {
  const map = new Map<string, VersionRow[]>();
  for (const v of versions) {
    const list = map.get(v.documentId);
    if (list) list.push(v);
    else map.set(v.documentId, [v]);
  }
  return map;
}

/** The units (kind, principal, municipality) and roles a person holds now: what decides which documents ask them to read. */
export async function loadAssignments(db: Queryable, county: string, staffId: string): Promise<PlacedAssignment[]> {
  return db.query<PlacedAssignment>(
    `SELECT DISTINCT u.kind AS "unitKind", m.role, u.principal_id AS "principalId", u.municipality_code AS "municipalityCode"
     FROM memberships m JOIN units u ON u.county = m.county AND u.id = m.unit_id
     WHERE m.county = $1 AND m.staff_id = $2::uuid AND m.active AND u.active`, [county, staffId]);
}

/** Which versions of which documents these people have confirmed: staff id → document id → version numbers. */
export async function loadAcknowledged(db: Queryable, county: string, staffIds: readonly string[]): Promise<Map<string, Map<string, number[]>>> {
  const rows = staffIds.length === 0 ? [] : await db.query<{ staffId: string; documentId: string; versionNo: number }>(
    `SELECT staff_id AS "staffId", document_id AS "documentId", version_no AS "versionNo"
     FROM document_acknowledgements WHERE county = $1 AND staff_id = ANY($2::uuid[])`, [county, staffIds]);
  const map = new Map<string, Map<string, number[]>>();
  for (const r of rows) {
    let docs = map.get(r.staffId);
    if (!docs) map.set(r.staffId, (docs = new Map()));
    docs.set(r.documentId, [...(docs.get(r.documentId) ?? []), r.versionNo]);
  }
  return map;
}

