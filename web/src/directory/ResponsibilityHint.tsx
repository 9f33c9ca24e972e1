/**
 * Beside an intervention being written: what the agreements say about who is responsible for it,
 * found by searching the guide with the intervention's own text as the typing pauses. Only a hint:
 * the participants decide, and a disagreement goes to the deviation form.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { disagreementHref, sourceHref, useDebounced, useResponsibilities } from './api.ts';
import { useResponsibleText } from './ResponsibilityPage.tsx';
import './directory.css';

export function ResponsibilityHint({ text, planId }: { text: string; planId?: string }) {
  const { t } = useTranslation();
  const search = useDebounced(text.trim(), 600);
  // Two letters say nothing yet.
  const enough = search.length >= 4;
  const found = useResponsibilities(search, '', enough);
  const responsible = useResponsibleText();
  const best = enough ? found.data?.[0] : undefined;
  // The live region stays in place, so that a screen reader hears the hint when it appears.
  return (
    <div aria-live="polite">
      {best && (
        <aside className="responsibility-hint" aria-label={t('responsibility.hintLabel')}>
          <p>
            <strong>{t('responsibility.hintSays', { title: best.source.title })}</strong>{' '}
            {best.need}: {best.responsibility} <span className="who">{responsible(best)}</span>
          </p>
          <p className="links">
            <Link to={sourceHref(best.source)}>{t('responsibility.readSource')}</Link>
            <Link to={disagreementHref(t('responsibility.disagreementTitle'), t('responsibility.disagreementText', { need: best.need }), planId)}>{t('responsibility.reportDisagreement')}</Link>
          </p>
        </aside>
      )}
    </div>
  );
}
