/**
 * Publicera ny version (decision 0009): a signatory's admin writes the whole text again, starting
 * from the latest version, says what changed and from which day it applies, and chooses whom it
 * asks to read it again (unit kinds × roles; nobody for an editorial change). It is sent with the
 * latest version number as If-Match: when someone else published first, nothing is overwritten.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { today } from '../format.ts';
import { TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { ConflictNotice, type FieldChange } from '../components/ConflictNotice.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { afterReadingChanged, latestVersionNo, useDocument, useVersion, type DocumentDetail, type Version } from './api.ts';
import { draftOf, emptySection, SectionEditor, sectionsBody, type DraftSection } from './SectionEditor.tsx';
import { AudienceChooser, useAudienceChoice } from './AudienceChooser.tsx';
import './library.css';

export function PublishVersionPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { documentId = '' } = useParams();
  const doc = useDocument(documentId);
  // The version the edit starts from is fixed when the page opens: a newer one read after a 412 must not reset the form.
  const [latest, setLatest] = useState<number | null>(null);
  if (latest === null && doc.data) setLatest(latestVersionNo(doc.data));
  const base = useVersion(documentId, latest);
  useEffect(() => { document.title = `${t('library.publish.title')} – Samplan`; }, [t]);
  if (doc.isPending || (latest !== null && latest > 0 && base.isPending)) return <p role="status">{t('common.loading')}</p>;
  if (doc.error || !doc.data) return <p role="alert">{doc.error instanceof ApiError && doc.error.status === 404 ? t('library.notFound') : t('errors.network')}</p>;
  if (!doc.data.canPublish) {
    return (
      <section>
        <h1>{t('library.publish.title')}</h1>
        <p>{t('library.publish.notAllowed', { role: t(`role.${me.role}`) })}</p>
        <Link to={`/bibliotek/${documentId}`}>{t('library.backTo', { title: doc.data.title })}</Link>
      </section>
    );
  }
  if (latest === null) return null;
  return <PublishForm d={doc.data} base={base.data ?? null} baseNo={latest} />;
}

function PublishForm({ d, base, baseNo }: { d: DocumentDetail; base: Version | null; baseNo: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  const [sections, setSections] = useState<DraftSection[]>(() => (base?.sections.length ? base.sections.map(draftOf) : [emptySection()]));
  // A new version cannot take effect before the newest one so far, nor in the past.
  const [effectiveFrom, setEffectiveFrom] = useState(() => [today(), ...d.versions.map((v) => v.effectiveFrom.slice(0, 10))].sort().at(-1)!);
  const [changeSummary, setChangeSummary] = useState('');
  const audience = useAudienceChoice(base?.audiences ?? []);
  const [audienceError, setAudienceError] = useState<string | undefined>();
  const [summaryError, setSummaryError] = useState<string | undefined>();
  const [ifMatch, setIfMatch] = useState(baseNo);
  const [conflict, setConflict] = useState<{ changes: FieldChange[]; latest: number } | null>(null);
  const errors = useServerErrors();
  const routine = d.kind === 'routine';

  const publish = async (version: number) => {
    setAudienceError(undefined);
    setSummaryError(undefined);
    if (!changeSummary.trim()) setSummaryError(t('library.publish.changeSummaryMissing'));
    if (!audience.complete) {
      setAudienceError(t('library.publish.chooseBoth'));
      return;
    }
    if (!changeSummary.trim()) return;
    const ok = await errors.run(async () => {
      try {
        const body = { effectiveFrom, changeSummary, audiences: audience.audiences(), sections: sectionsBody(sections, routine) };
        const r = await api.post<{ versionNo: number }>(`/documents/${d.id}/versions`, body, version);
        await afterReadingChanged(queryClient);
        navigate(`/bibliotek/${d.id}`, { state: { published: r.versionNo, effectiveFrom } });
      } catch (err) {
        if (!(err instanceof ApiError && err.isConflict)) throw err;
        // Someone published first: show what they published beside this edit, and let the author choose.
        const now = await queryClient.fetchQuery({ queryKey: ['library', 'document', d.id], queryFn: () => api.get<DocumentDetail>(`/documents/${d.id}`), staleTime: 0 });
        const newer = now.versions.filter((v) => v.versionNo > version).sort((a, b) => a.versionNo - b.versionNo);
        setConflict({
          latest: latestVersionNo(now),
          changes: newer.map((v) => ({
            label: t('library.publish.conflictRow', { n: v.versionNo }),
            before: t('library.versionShort', { n: version }),
            theirs: `${v.changeSummary}${v.publishedBy ? ` (${v.publishedBy})` : ''}`,
            mine: changeSummary || '–',
          })),
        });
      }
    });
    if (!ok) window.scrollTo({ top: 0 });
  };

  return (
    <div className="publish">
      <p className="breadcrumb"><Link to={`/bibliotek/${d.id}`}>{t('library.backTo', { title: d.title })}</Link></p>
      <h1 ref={heading} tabIndex={-1}>{t('library.publish.heading', { title: d.title })}</h1>
      <p className="lead">{t('library.publish.lead', { n: ifMatch + 1 })}</p>
      {conflict && (
        <ConflictNotice changes={conflict.changes}
          onReapply={() => { setIfMatch(conflict.latest); setConflict(null); void publish(conflict.latest); }}
          onDiscard={() => navigate(`/bibliotek/${d.id}`)} />
      )}
      {conflict && <p className="hint conflict-hint">{t('library.publish.conflictHint')}</p>}
      <form className="publish-form" noValidate onSubmit={(e) => { e.preventDefault(); void publish(ifMatch); }}>
        <ErrorSummary error={errors.error} />
        <section aria-labelledby="publish-text-title">
          <h2 id="publish-text-title">{t('library.publish.textTitle')}</h2>
          <p className="hint">{t('library.publish.textHint')}</p>
          <SectionEditor sections={sections} setSections={setSections} routine={routine} errors={errors} anchorHint={t('library.publish.anchorHint')} />
        </section>

        <section aria-labelledby="publish-decision-title">
          <h2 id="publish-decision-title">{t('library.publish.decisionTitle')}</h2>
          <TextField name="effectiveFrom" type="date" label={t('library.publish.effectiveFrom')} hint={t('library.publish.effectiveFromHint')}
            value={effectiveFrom} onChange={setEffectiveFrom} error={errors.of('effectiveFrom')} required />
          <TextArea name="changeSummary" label={t('library.publish.changeSummary')} hint={t('library.publish.changeSummaryHint')}
            value={changeSummary} onChange={setChangeSummary} error={summaryError ?? errors.of('changeSummary')} required />
          <AudienceChooser choice={audience} error={audienceError ?? errors.of('audiences')} legend={t('library.publish.audienceLegend')}
            hint={t('library.publish.audienceHint')} noneLabel={t('library.publish.modeNone')} asks={(who) => t('library.publish.asks', { who })} />
        </section>
        <FormActions save={t('library.publish.submit', { n: ifMatch + 1 })} onCancel={() => navigate(`/bibliotek/${d.id}`)} />
      </form>
    </div>
  );
}
