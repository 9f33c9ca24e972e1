import type { ProcessStep } from '../../domain/governing-documents.ts';
import { swedishDate, type Actor, type Context } from '../context.ts';
import { ServiceError } from '../errors.ts';

export interface Help {
  documentId: string;
  title: string;
  versionNo: number;
  anchor: string;
  heading: string;
  body: string;
}

/**
 * Context help: the paragraph of the county's routine in force that governs a step of the SIP
 * process, so that the invitation step links to the routine's section on kallelse. The routine
 * read first (lowest induction order) wins when several cover the step.
 */
export async function getHelp(ctx: Context, { actor, step }: { actor: Actor; step: ProcessStep }): Promise<Help> {
  const [help] = await ctx.db.query<Help>(
    `WITH in_force AS (
       SELECT DISTINCT ON (document_id) document_id, version_no FROM document_versions
       WHERE county = $1 AND effective_from <= $3::date ORDER BY document_id, version_no DESC)
     SELECT d.id AS "documentId", d.title, s.version_no AS "versionNo", s.anchor, s.heading, s.body
     FROM in_force f
     JOIN governing_documents d ON d.county = $1 AND d.id = f.document_id AND d.kind = 'routine'
     JOIN document_sections s ON s.county = $1 AND s.document_id = f.document_id AND s.version_no = f.version_no AND s.process_step = $2
     ORDER BY d.induction_order NULLS LAST, d.title, s.position LIMIT 1`, [actor.county, step, swedishDate(ctx.clock.now())]);
  if (!help) throw new ServiceError(404, 'no_routine', 'Länets rutin säger inget om det här steget ännu.');
  return help;
}
