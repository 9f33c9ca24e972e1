/**
 * One governing document: who signed it, the local agreement's steering group, the text of the
 * version in force with a heading for each section (a link to #kallelse lands on it), what each
 * version changed and the older versions' own text; the confirmation "Jag har läst och förstått"
 * when my assignment requires it; and, for a signatory's admin, the way to publish a new version.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { formatDay } from '../format.ts';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { acknowledge, sign, useDocument, useVersion, type DocumentDetail, type Version } from './api.ts';
import { DocumentText } from './DocumentText.tsx';
import { ReadStatus } from './ReadStatus.tsx';
import { AudienceText } from './AudienceText.tsx';
import './library.css';

export function DocumentPage() {
  const { t } = useTranslation();
  const { documentId = '' } = useParams();
  const doc = useDocument(documentId);
  const [params] = useSearchParams();
  const asked = Number(params.get('version')) || null;
  const shownNo = asked ?? doc.data?.current?.versionNo ?? null;
  const older = useVersion(documentId, asked !== null && asked !== doc.data?.current?.versionNo ? asked : null);
  useEffect(() => { if (doc.data) document.title = `${doc.data.title} – Samplan`; }, [doc.data]);

  if (doc.isPending) return <p role="status">{t('common.loading')}</p>;
  if (doc.error) {
    const status = doc.error instanceof ApiError ? doc.error.status : 0;
    return (
      <section>
        <h1>{t(status === 404 ? 'errors.notFoundTitle' : 'errors.title')}</h1>
        <p>{status === 404 ? t('library.notFound') : t('errors.network')}</p>
        <Link to="/bibliotek">{t('library.back')}</Link>
      </section>
    );
  }
  const d = doc.data;
  const version: Version | null = asked !== null && asked !== d.current?.versionNo ? older.data ?? null : d.current;
  return (
    <article className="document">
      <p className="breadcrumb"><Link to="/bibliotek">{t('library.back')}</Link></p>
      <PublishedNotice />
      <DocumentHead d={d} version={version} />
      {asked !== null && asked !== d.current?.versionNo && <OtherVersionNotice d={d} versionNo={asked} />}
      {version
        ? <DocumentBodyWithToc version={version} />
        : asked !== null && older.isPending ? <p role="status">{t('common.loading')}</p>
          : asked !== null && older.error ? <p role="alert">{t('library.versionNotFound', { n: asked })}</p>
            : <p className="empty">{t('library.noneInForceLong')}</p>}
      {d.current && shownNo === d.current.versionNo && <Confirm d={d} />}
      <History d={d} shownNo={version?.versionNo ?? null} />
    </article>
  );
}

function DocumentHead({ d, version }: { d: DocumentDetail; version: Version | null }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  // A new page: the heading takes the focus, unless the link named a paragraph (then that one does).
  useEffect(() => { if (!location.hash) heading.current?.focus(); }, [d.id]);
  const needs = d.mine.required && !d.mine.upToDate && d.current;
  return (
    <>
      <div className="page-head">
        <div>
          <p className="doc-kind">{t(`library.kind.${d.kind}`)}</p>
          <h1 ref={heading} tabIndex={-1}>{d.title}</h1>
        </div>
        {d.canPublish && <Link className="button" to={`/bibliotek/${d.id}/ny-version`}>{t('library.publish.open')}</Link>}
      </div>
      <ReadStatus mine={d.mine} />
      {d.canSign && <SignForPrincipal d={d} />}
      {needs && (
        <p className="doc-needs">{t(d.mine.acknowledgedVersionNo !== null ? 'library.needsAgain' : 'library.needs', { n: d.current!.versionNo })}{' '}
          <a href="#las-och-bekrafta">{t('library.toConfirm')}</a></p>
      )}
      <dl className="facts">
        <div><dt>{t('library.inForce')}</dt><dd>{d.current
          ? <>{t('library.versionFrom', { n: d.current.versionNo, date: formatDay(d.current.effectiveFrom, false) })}
            {d.current.effectiveUntil && <> {t('library.until', { date: formatDay(d.current.effectiveUntil, false) })}</>}</>
          : t('library.noneInForce')}</dd></div>
        <div><dt>{t('library.signatories')}</dt><dd>{d.signatories.map((s) => s.name).join(', ') || '–'}</dd></div>
        {d.awaitingSignature.length > 0 && <div><dt>{t('library.awaitingSignature')}</dt><dd>{d.awaitingSignature.map((s) => s.name).join(', ')}</dd></div>}
        {version && <div><dt>{t('library.concerns')}</dt><dd><AudienceText audiences={version.audiences} /></dd></div>}
      </dl>
      {d.localAgreement && (
        <section className="steering" aria-labelledby="steering-title">
          <h2 id="steering-title" className="h-small">{t('library.steeringGroup', { name: d.localAgreement.name })}</h2>
          {d.localAgreement.steeringGroup.length === 0 ? <p className="empty">{t('library.noSteeringGroup')}</p> : (
            <ul className="plain inline-list">
              {d.localAgreement.steeringGroup.map((m, i) => {
                const about = [m.title, m.principalName].filter(Boolean).join(', ');
                return <li key={i}>{m.name}{about && <span className="meta"> ({about})</span>}</li>;
              })}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** After publishing (or writing a new document): which version it became and from when it applies. */
function PublishedNotice() {
  const { t } = useTranslation();
  const state = useLocation().state as { published?: number; effectiveFrom?: string; created?: boolean } | null;
  if (!state?.published) return null;
  return (
    <div className="notice" role="status">
      <p>{state.created
        ? t('library.create.created', { date: formatDay(state.effectiveFrom, false) })
        : t('library.published', { n: state.published, date: formatDay(state.effectiveFrom, false) })}</p>
    </div>
  );
}

/** Reading a version that is not the one in force: said plainly, with the way back to it. */
function OtherVersionNotice({ d, versionNo }: { d: DocumentDetail; versionNo: number }) {
  const { t } = useTranslation();
  const entry = d.versions.find((v) => v.versionNo === versionNo);
  const future = entry && d.current ? versionNo > d.current.versionNo : !!entry && !d.current;
  return (
    <div className="doc-old" role="note">
      <p><strong>{future
        ? t('library.futureVersion', { n: versionNo, date: formatDay(entry?.effectiveFrom, false) })
        : t('library.oldVersion', { n: versionNo, from: formatDay(entry?.effectiveFrom, false), until: formatDay(entry?.effectiveUntil, false) })}</strong></p>
      {d.current && <p><Link to={`/bibliotek/${d.id}`}>{t('library.readCurrent', { n: d.current.versionNo })}</Link></p>}
    </div>
  );
}

/** The text, with a list of its main headings first when it has several, and the landing on #anchor. */
function DocumentBodyWithToc({ version }: { version: Version }) {
  const { t } = useTranslation();
  const location = useLocation();
  const target = decodeURIComponent(location.hash.replace(/^#/, ''));
  useEffect(() => {
    if (!target) return;
    const el = document.getElementById(target);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }, [target, version.versionNo]);
  const main = version.sections.filter((s) => s.level === 1);
  return (
    <>
      {main.length > 2 && (
        <nav className="toc" aria-labelledby="toc-title">
          <h2 id="toc-title" className="h-small">{t('library.toc')}</h2>
          <ol>{main.map((s) => <li key={s.anchor}><a href={`#${s.anchor}`}>{s.heading}</a></li>)}</ol>
        </nav>
      )}
      <DocumentText sections={version.sections} target={target} />
    </>
  );
}

function Confirm({ d }: { d: DocumentDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useServerErrors();
  const [done, setDone] = useState(false);
  const current = d.current!;
  if (!d.mine.required && !done) return null;
  const upToDate = d.mine.upToDate || done;
  return (
    <section id="las-och-bekrafta" className={`confirm-box${upToDate ? ' done' : ''}`} aria-labelledby="confirm-title" tabIndex={-1}>
      <h2 id="confirm-title">{upToDate ? t('library.confirmedTitle') : t('library.confirmTitle')}</h2>
      {upToDate ? (
        <p role="status">{d.mine.acknowledgedVersionNo !== null && d.mine.acknowledgedVersionNo < current.versionNo && !done
          ? t('library.confirmedEarlier', { n: d.mine.acknowledgedVersionNo })
          : t('library.confirmed', { n: done ? current.versionNo : d.mine.acknowledgedVersionNo ?? current.versionNo })}</p>
      ) : (
        <>
          <p>{t('library.confirmLead')}</p>
          {d.mine.acknowledgedVersionNo !== null && <p><strong>{t('library.whatIsNew')}</strong> {current.changeSummary}</p>}
          <ErrorSummary error={errors.error} />
          <button type="button" className="button primary"
            onClick={() => void errors.run(async () => { await acknowledge(queryClient, d.id, current.versionNo); setDone(true); })}>
            {t('library.confirm', { n: current.versionNo })}
          </button>
        </>
      )}
    </section>
  );
}

function History({ d, shownNo }: { d: DocumentDetail; shownNo: number | null }) {
  const { t } = useTranslation();
  const versions = [...d.versions].sort((a, b) => b.versionNo - a.versionNo);
  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('library.history')}</h2>
      <table className="versions-table">
        <caption className="visually-hidden">{t('library.historyCaption', { title: d.title })}</caption>
        <thead><tr>
          <th scope="col">{t('library.col.version')}</th><th scope="col">{t('library.col.valid')}</th>
          <th scope="col">{t('library.col.change')}</th><th scope="col">{t('library.col.published')}</th><th scope="col"><span className="visually-hidden">{t('library.col.read')}</span></th>
        </tr></thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.versionNo} className={v.inForce ? 'in-force' : ''}>
              <th scope="row">{v.versionNo}{v.inForce && <span className="tag in-force-tag">{t('library.inForceTag')}</span>}</th>
              <td>{formatDay(v.effectiveFrom, false)}{v.effectiveUntil ? ` – ${formatDay(v.effectiveUntil, false)}` : ''}</td>
              <td>{v.changeSummary}</td>
              <td>{formatDay(v.publishedAt, false)}{v.publishedBy ? `, ${v.publishedBy}` : ''}</td>
              <td>{v.versionNo === shownNo
                ? <span className="meta">{t('library.reading')}</span>
                : <Link to={v.inForce ? `/bibliotek/${d.id}` : `/bibliotek/${d.id}?version=${v.versionNo}`}>{t('library.readVersion', { n: v.versionNo })}</Link>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A party's admin signs: until then the document does not bind their principal's units. */
function SignForPrincipal({ d }: { d: DocumentDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <div className="doc-sign" role="region" aria-labelledby="sign-title">
      <h2 id="sign-title" className="h-small">{t('library.sign.title')}</h2>
      <p>{t('library.sign.text')}</p>
      {failed && <p role="alert" className="error">{t('errors.network')}</p>}
      <button type="button" className="button primary" disabled={busy} onClick={() => {
        setBusy(true); setFailed(false);
        sign(queryClient, d.id).catch(() => setFailed(true)).finally(() => setBusy(false));
      }}>{t('library.sign.button')}</button>
    </div>
  );
}
