/**
 * Bibliotek: the agreements, guidelines and routines of the county, grouped by kind, each with the
 * version in force, who signed it and whether I have read it; and a full-text search in Swedish
 * ("samordnad" finds "samordnade") that leads to the paragraph itself. A principal admin starts a
 * new document from here.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types.ts';
import { formatDay } from '../format.ts';
import { DOCUMENT_KINDS, useDocuments, useSearch, type DocumentSummary } from './api.ts';
import { Snippet } from './DocumentText.tsx';
import { ReadStatus } from './ReadStatus.tsx';
import './library.css';

export function LibraryPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const documents = useDocuments();
  useEffect(() => { document.title = `${t('library.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);
  const all = documents.data ?? [];
  return (
    <div className="library">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{t('library.title')}</h1>
        {/* A principal admin writes the documents their principal signs (decision 0009). */}
        {me.role === 'principal_admin' && <Link className="button" to="/bibliotek/nytt">{t('library.create.open')}</Link>}
      </div>
      <p className="lead">{t('library.lead')}</p>
      <DocumentSearch />
      {documents.isPending && <p role="status">{t('common.loading')}</p>}
      {documents.error && <p role="alert">{t('errors.network')}</p>}
      {documents.data && all.length === 0 && <p className="empty">{t('library.none')}</p>}
      {DOCUMENT_KINDS.map((kind) => {
        const list = all.filter((d) => d.kind === kind);
        if (list.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`} className="doc-group">
            <h2 id={`kind-${kind}`}>{t(`library.kinds.${kind}`)} <span className="count">{list.length}</span></h2>
            <p className="hint">{t(`library.kindHint.${kind}`)}</p>
            <ul className="cards">{list.map((d) => <DocumentCard key={d.id} d={d} />)}</ul>
          </section>
        );
      })}
    </div>
  );
}

function DocumentCard({ d }: { d: DocumentSummary }) {
  const { t } = useTranslation();
  return (
    <li className="card doc-card">
      <h3><Link to={`/bibliotek/${d.id}`}>{d.title}</Link></h3>
      <ReadStatus mine={d.mine} />
      <dl className="mini">
        <div><dt>{t('library.inForce')}</dt><dd>{d.current
          ? t('library.versionFrom', { n: d.current.versionNo, date: formatDay(d.current.effectiveFrom, false) })
          : t('library.noneInForce')}</dd></div>
        <div><dt>{t('library.signatories')}</dt><dd>{d.signatories.map((s) => s.name).join(', ') || '–'}</dd></div>
        {d.localAgreement && <div><dt>{t('library.localAgreement')}</dt><dd>{d.localAgreement.name}</dd></div>}
      </dl>
    </li>
  );
}

/** The search is kept in the address (?sok=), so that the back button returns to the hits. */
function DocumentSearch() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('sok') ?? '';
  const [typed, setTyped] = useState(q);
  const hits = useSearch(q);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(typed.trim() ? { sok: typed.trim() } : {}, { replace: true });
  };
  return (
    <section className="search doc-search" aria-labelledby="doc-search-title">
      <h2 id="doc-search-title">{t('library.searchTitle')}</h2>
      <form role="search" onSubmit={submit} aria-labelledby="doc-search-title">
        <label htmlFor="doc-search-q" className="label-strong">{t('library.searchLabel')}</label>
        <p className="hint" id="doc-search-hint">{t('library.searchHint')}</p>
        <div className="inline">
          <input id="doc-search-q" type="search" name="sok" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby="doc-search-hint" />
          <button type="submit" className="button primary">{t('library.search')}</button>
        </div>
      </form>
      <div role="status" aria-live="polite" className="search-status">
        {q && hits.isFetching && t('common.loading')}
        {q && q.trim().length < 2 && t('library.searchTooShort')}
        {hits.data && !hits.isFetching && (hits.data.length === 0 ? t('library.noHits', { q }) : t('library.hits', { count: hits.data.length, q }))}
      </div>
      {hits.error && <p role="alert">{t('errors.network')}</p>}
      {hits.data && hits.data.length > 0 && (
        <ol className="hits">
          {hits.data.map((h) => (
            <li key={`${h.documentId}#${h.anchor}`} className="hit">
              <Link to={`/bibliotek/${h.documentId}#${h.anchor}`} className="hit-link">{h.heading}</Link>
              <span className="meta"> – {h.title} ({t(`library.kind.${h.kind}`)}, {t('library.versionShort', { n: h.versionNo })})</span>
              <p className="snippet"><Snippet text={h.snippet} /></p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
