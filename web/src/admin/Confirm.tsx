/**
 * A step that cannot simply be taken back asks first, and says what it sets off. The question
 * takes the focus when it opens (WCAG 2.4.3), so that keyboard and screen-reader users hear it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../components/FormErrors.tsx';

export function Confirm({ title, children, action, onConfirm, onCancel, error }: {
  title: string; children: ReactNode; action: string; onConfirm: () => void; onCancel: () => void; error: unknown;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const id = `confirm-${useId().replace(/:/g, '')}`;
  useEffect(() => { ref.current?.focus(); }, []);
  return (
    <div className="admin-confirm" role="group" aria-labelledby={id} tabIndex={-1} ref={ref}>
      <h4 id={id}>{title}</h4>
      <ErrorSummary error={error} />
      {children}
      <div className="actions">
        <button type="button" className="button danger" onClick={onConfirm}>{action}</button>
        <button type="button" className="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
