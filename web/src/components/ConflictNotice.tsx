/**
 * When someone else saved first (412), nothing was overwritten: the user sees what the other
 * person changed, beside their own edit, and chooses to save their edit again on top of the
 * new version or to keep the other person's.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldChange { label: string; before: string; theirs: string; mine: string }

export function ConflictNotice({ changes, onReapply, onDiscard }: { changes: FieldChange[]; onReapply: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return (
    <div className="conflict" role="alert" tabIndex={-1} ref={ref}>
      <h3>{t('conflict.title')}</h3>
      <p>{t('conflict.lead')}</p>
      {changes.length === 0 ? <p>{t('conflict.noFieldChanges')}</p> : (
        <table>
          <caption className="visually-hidden">{t('conflict.caption')}</caption>
          <thead><tr><th scope="col">{t('conflict.field')}</th><th scope="col">{t('conflict.before')}</th><th scope="col">{t('conflict.theirs')}</th><th scope="col">{t('conflict.mine')}</th></tr></thead>
          <tbody>{changes.map((c) => <tr key={c.label}><th scope="row">{c.label}</th><td>{c.before}</td><td>{c.theirs}</td><td>{c.mine}</td></tr>)}</tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" className="button primary" onClick={onReapply}>{t('conflict.reapply')}</button>
        <button type="button" className="button" onClick={onDiscard}>{t('conflict.discard')}</button>
      </div>
    </div>
  );
}

/**
 * The rows of the conflict table: every field the other person changed, and every field the user
 * changed (their own edit is shown only where they made one; elsewhere "–" says "not yours").
 */
export function changedFields<T extends { [K in keyof T]: string }>(labels: Record<keyof T, string>, before: T, theirs: T, mine: T,
  show: (k: keyof T, v: string) => string = (_k, v) => v || '–', mineChanged: Set<keyof T> = new Set(Object.keys(labels) as Array<keyof T>)): FieldChange[] {
  return (Object.keys(labels) as Array<keyof T>)
    .filter((k) => before[k] !== theirs[k] || mineChanged.has(k))
    .map((k) => ({ label: labels[k], before: show(k, before[k]), theirs: show(k, theirs[k]), mine: mineChanged.has(k) ? show(k, mine[k]) : '–' }));
}
