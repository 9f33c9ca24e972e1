import { useTranslation } from 'react-i18next';

/** A form's one primary action and its way out (UI.md: one primary action per screen). */
export function FormActions({ save, onCancel, cancel }: { save: string; onCancel: () => void; cancel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="button primary">{save}</button>
      <button type="button" className="button" onClick={onCancel}>{cancel ?? t('common.cancel')}</button>
    </div>
  );
}
