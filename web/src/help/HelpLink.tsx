/**
 * Context help (issue 8 item 5): in a step of the SIP, the paragraph of the routine in force that
 * governs it, as "Så säger rutinen: Kallelse" linking to /bibliotek/<id>#kallelse, with the text
 * itself one tap away. Read once per step and kept (a routine changes seldom); nothing is shown
 * when no routine covers the step.
 */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { HelpText, ProcessStep } from '../library/api.ts';
import { Body } from '../library/DocumentText.tsx';
import './help.css';

export function useHelp(step: ProcessStep) {
  return useQuery({
    queryKey: ['help', step], staleTime: 30 * 60_000, gcTime: 60 * 60_000, retry: false,
    queryFn: () => api.get<HelpText>(`/help/${step}`),
  });
}

export function HelpLink({ step }: { step: ProcessStep }) {
  const { t } = useTranslation();
  const help = useHelp(step).data;
  if (!help) return null;
  return (
    <div className="help-link">
      <p className="help-line">
        <span className="help-icon" aria-hidden="true">i</span>
        {t('help.says')}{' '}
        <Link to={`/bibliotek/${help.documentId}#${help.anchor}`}>{help.heading}</Link>
      </p>
      {help.body.trim() && (
        <details className="help-text">
          <summary>{t('help.show')}</summary>
          <div className="help-body"><Body body={help.body} /></div>
          <p className="meta">{t('help.source', { title: help.title, n: help.versionNo })}</p>
        </details>
      )}
    </div>
  );
}

/**
 * On the start-a-SIP page: the school and pupil health may call a SIP themselves (the audits found
 * schools that did not know it), with the routine's own words one link away.
 */
export function SchoolMayCall() {
  const { t } = useTranslation();
  const help = useHelp('initiative').data;
  return (
    <div className="school-right">
      <p><strong>{t('help.schoolRightTitle')}</strong> {t('help.schoolRight')}{' '}
        {help && <Link to={`/bibliotek/${help.documentId}#skolans-ratt-att-kalla`}>{t('help.schoolRightLink')}</Link>}</p>
      <HelpLink step="initiative" />
    </div>
  );
}
