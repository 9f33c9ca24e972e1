import { covers, type ProcessStep, type Signatory } from '../../domain/governing-documents.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { IN_FORCE } from './signatory.ts';

export interface Help {
  documentId: string;
  title: string;
  versionNo: number;
  anchor: string;
  heading: string;
  body: string;
}

/**
 * Context help: the paragraph of the routine in force that governs a step of the SIP process, so
 * that the invitation step links to the routine's section on kallelse. The routine that binds the
 * unit the person acts for comes first (Trelleborg's routine is not Kristianstad's), then the one
 * read first (lowest induction order); a routine that binds another unit is shown only when none
 * binds this one, since the county's practice is still better than nothing.
 */
export async function getHelp(ctx: Context, { actor, step }: { actor: Actor; step: ProcessStep }): Promise<Help> {
  const candidates = await ctx.db.query<Help & { parties: Signatory[] }>(
    `WITH in_force AS (${IN_FORCE('$1', '$3')})
     SELECT d.id AS "documentId", d.title, s.version_no AS "versionNo", s.anchor, s.heading, s.body,
            coalesce((SELECT json_agg(json_build_object('id', p.id, 'kind', p.kind, 'municipalityCode', p.municipality_code, 'signed', gp.signed_at IS NOT NULL))
                      FROM governing_document_principals gp JOIN principals p ON p.county = gp.county AND p.id = gp.principal_id
                      WHERE gp.county = d.county AND gp.document_id = d.id), '[]'::json) AS parties
     FROM in_force f
     JOIN governing_documents d ON d.county = $1 AND d.id = f.document_id AND d.kind = 'routine'
     JOIN document_sections s ON s.county = $1 AND s.document_id = f.document_id AND s.version_no = f.version_no AND s.process_step = $2
     ORDER BY d.induction_order NULLS LAST, d.title, s.position`, [actor.county, step, swedishDate(ctx.clock.now())]);
  const [unit] = await ctx.db.query<{ principalId: string; municipalityCode: string | null }>(
    'SELECT principal_id AS "principalId", municipality_code AS "municipalityCode" FROM units WHERE county = $1 AND id = $2::uuid', [actor.county, actor.unitId]);
  const help = (unit && candidates.find((c) => covers(c.parties, unit))) ?? candidates[0];
  if (!help) throw new ServiceError(404, 'no_routine', 'Länets rutin säger inget om det här steget ännu.');
  const { parties: _parties, ...rest } = help;
  return rest;
}
