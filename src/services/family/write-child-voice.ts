import type { Citizen } from '../../access/citizen-access.ts';
import { newId } from '../../store/ids.ts';
import type { Context } from '../context.ts';
import { invalid, stale, versionRequired } from '../errors.ts';
import { inFamilyPlan } from './family-command.ts';

export type VoiceKind = 'my_goals' | 'what_matters';
export const VOICE_KINDS: readonly VoiceKind[] = ['my_goals', 'what_matters'];

/**
 * The child's voice: "my goals" and "what matters to me", written by the child or a guardian in
 * their own words (barnkonventionen art. 12; SoL 2 kap 7 §: drawn up together with the person).
 * Shown in the plan marked as theirs; staff never edit it (the table's trigger refuses them).
 * `version` is the version the writer saw: 0 for a text not written before; a stale one is 412.
 */
export async function writeChildVoice(ctx: Context, citizen: Citizen, o: { planId: string; kind: VoiceKind; text: string; version: number | undefined }): Promise<{ version: number }> {
  return inFamilyPlan(ctx, citizen, o.planId, { action: 'U', event: 'family.voice' }, async ({ tx, plan, now, detail }) => {
    const text = o.text.trim();
    if (!text) throw invalid([{ field: '/text', code: 'required', message: 'Skriv något, eller lämna rutan som den var.' }]);
    if (o.version === undefined) throw versionRequired();
    const current = (await tx.query<{ id: string; version: number }>(
      'SELECT id, version FROM family_voice WHERE county = $1 AND plan_id = $2 AND kind = $3 FOR UPDATE', [plan.county, plan.id, o.kind]))[0];
    if ((current?.version ?? 0) !== o.version) throw stale(current?.version ?? 0);
    Object.assign(detail, { kind: o.kind });
    const rows = current
      ? await tx.query<{ version: number }>(
          `UPDATE family_voice SET text = $3, written_by = $4, written_role = $5, written_at = $6, version = version + 1
           WHERE county = $1 AND id = $2 RETURNING version`, [plan.county, current.id, text, plan.personId, plan.as, now])
      : await tx.query<{ version: number }>(
          `INSERT INTO family_voice (county, id, plan_id, kind, text, written_by, written_role, written_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING version`, [plan.county, newId(), plan.id, o.kind, text, plan.personId, plan.as, now]);
    return { version: rows[0]!.version };
  });
}
