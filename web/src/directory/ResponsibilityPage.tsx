/**
 * Vem ansvarar för vad?: the responsibility guide drawn from the agreements (SIP.md §5). Staff
 * search by the need in their own words; each answer names the responsible principal and kind of
 * unit, what the agreement says, and links to the paragraph. A disagreement about responsibility
 * is a deviation in cooperation: the link opens the deviation form, filled in.
 */
import { Fragment, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../components/Field.tsx';
import { disagreementHref, sourceHref, useDebounced, useResponsibilities, type Responsibility } from './api.ts';
import { ResponsibilityForm } from './ResponsibilityForm.tsx';
import './directory.css';

const LIFE_AREAS = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'] as const;

/** "Region – Barn- och ungdomspsykiatri (BUP)": who answers, in words. */
export function useResponsibleText() {
  const { t } = useTranslation();
  return (r: Responsibility) => `${t(`responsibility.principalKind.${r.principalKind}`)}${r.unitKind ? ` – ${t(`admin.kind.${r.unitKind}`)}` : ''}`;
}

export function ResponsibilityPage() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [q, setQ] = useState('');
  const [lifeArea, setLifeArea] = useState('');
  const search = useDebounced(q);
  const list = useResponsibilities(search, lifeArea);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const responsible = useResponsibleText();
  useEffect(() => { document.title = `${t('responsibility.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);
  const items = list.data ?? [];
  return (
    <div className="directory responsibility">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{t('responsibility.title')}</h1>
        <Link to="/vem-gor-vad">{t('responsibility.toDirectory')}</Link>
      </div>
      <p className="lead">{t('responsibility.lead')}</p>
      <form role="search" className="directory-search" onSubmit={(e) => e.preventDefault()} aria-label={t('responsibility.searchLabel')}>
        <TextField name="q" type="search" label={t('responsibility.searchLabel')} hint={t('responsibility.searchHint')} value={q} onChange={setQ} maxLength={200} />
        <SelectField name="lifeArea" label={t('responsibility.lifeAreaLabel')} value={lifeArea} onChange={setLifeArea} placeholder={t('responsibility.allLifeAreas')}
          options={LIFE_AREAS.map((a) => ({ value: a, label: t(`lifeArea.${a}`) }))} />
      </form>
      <p role="status" className="meta">{list.isPending ? t('common.loading') : t('responsibility.count', { count: items.length })}</p>
      {list.error && <p role="alert">{t('errors.network')}</p>}
      {list.data && items.length === 0 && <p className="empty">{t('responsibility.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="responsibility-table">
            <caption className="visually-hidden">{t('responsibility.caption')}</caption>
            <thead><tr>
              <th scope="col">{t('responsibility.need')}</th><th scope="col">{t('responsibility.responsible')}</th>
              <th scope="col">{t('responsibility.what')}</th><th scope="col">{t('responsibility.source')}</th>
            </tr></thead>
            <tbody>
              {items.map((r) => (
                <Fragment key={r.id}>
                  <tr>
                    <th scope="row">{r.need}{r.lifeArea && <span className="meta block">{t(`lifeArea.${r.lifeArea}`)}</span>}</th>
                    <td>{responsible(r)}</td>
                    <td>{r.responsibility}</td>
                    <td>
                      <Link to={sourceHref(r.source)}>{r.source.heading ? `${r.source.title}: ${r.source.heading}` : r.source.title}</Link>
                      {r.canEdit && editing !== r.id && (
                        <button type="button" className="button small edit-entry" onClick={() => { setSaved(null); setEditing(r.id); }}>
                          {t('responsibility.edit')}<span className="visually-hidden"> – {r.need}</span>
                        </button>
                      )}
                      {saved === r.id && <span role="status" className="saved block">{t('responsibility.saved')}</span>}
                    </td>
                  </tr>
                  {editing === r.id && (
                    <tr className="editing"><td colSpan={4}><ResponsibilityForm entry={r} onDone={(ok) => { setEditing(null); setSaved(ok ? r.id : null); }} /></td></tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="disagreement">
        <Link to={disagreementHref(t('responsibility.disagreementTitle'), q.trim() ? t('responsibility.disagreementText', { need: q.trim() }) : '')}>{t('responsibility.reportDisagreement')}</Link>
      </p>
    </div>
  );
}
