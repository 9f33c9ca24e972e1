/**
 * What the family wrote and answered, shown to staff on the plan page: read-only, clearly marked
 * as the family's own words (barnkonventionen art. 12). Staff cannot change it, here or in the
 * database (migration 013).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Plan } from '../api/types.ts';
import { formatDateTime } from '../format.ts';
import { usePlanView } from '../plan/PlanContext.ts';

export function FamilyVoiceBlock({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const voice = plan.familyVoice ?? [];
  if (voice.length === 0) return null;
  return (
    <section className="card family-voice-staff" aria-labelledby="family-voice-staff-title">
      <h3 id="family-voice-staff-title">{t('family.staff.voiceTitle')}</h3>
      <p className="hint">{t('family.staff.voiceHint')}</p>
      {voice.map((v) => (
        <blockquote key={v.kind} className="child-words">
          <span className="label">{t(`family.voice.${v.kind}`)} – {t('family.voice.writtenBy', { who: t(`family.voice.by.${v.writtenRole}`), when: formatDateTime(v.writtenAt) })}</span>
          ”{v.text}”
        </blockquote>
      ))}
    </section>
  );
}

export function ApprovalState({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const latest = plan.versions.at(-1);
  if (!latest) return null;
  const answers = (plan.approvals ?? []).filter((a) => a.versionNo === latest.versionNo);
  return (
    <div className="card" aria-live="polite">
      <h3>{t('family.staff.approvalTitle', { n: latest.versionNo })}</h3>
      {answers.length === 0 ? <p>{t('family.staff.approvalNone')}</p> : (
        <ul className="plain">
          {answers.map((a, i) => (
            <li key={i}>
              <strong>{a.decision === 'approved' ? t('family.staff.approved') : t('family.staff.commented')}</strong>{' '}
              ({t(`family.voice.by.${a.role}`)}, {formatDateTime(a.decidedAt)}){a.comment ? <>: <q>{a.comment}</q></> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The coordinator opens the plan to the young person themself (or closes it again). */
export function YoungPersonAccess() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan, me } = view;
  const [error, setError] = useState<string | null>(null);
  if (!plan.coordinator || plan.coordinator.staffId !== me.staffId || ['closed', 'cancelled'].includes(plan.state)) return null;
  const on = plan.youngPersonAccess === true;
  const toggle = async () => {
    setError(null);
    try {
      await api.post(`/plans/${plan.id}/young-person-access`, { enabled: !on }, view.version);
      await view.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <section aria-labelledby="young-access-title">
      <h2 id="young-access-title">{t('family.staff.youngTitle')}</h2>
      <p>{on ? t('family.staff.youngOn') : t('family.staff.youngOff')}</p>
      <p className="hint">{t('family.staff.youngHint')}</p>
      <button type="button" className="button" onClick={() => void toggle()}>{on ? t('family.staff.youngClose') : t('family.staff.youngOpen')}</button>
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}
