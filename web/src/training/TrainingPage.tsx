/**
 * Utbildning (issue 8 item 4; the audits' recommendation 1): what my assignment requires me to
 * have read, the induction first for someone new ("Börja här"), and for those who follow up units
 * the share of their staff who have read the versions in force, and (for the unit's manager and
 * its principal's admin) who is missing what.
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types.ts';
import { followsUnits, percent, useTrainingMe, useTrainingUnits, type PrincipalTraining, type ToRead, type UnitTraining } from './api.ts';
import { readState } from '../library/ReadStatus.tsx';
import '../library/library.css';

const byInduction = (a: ToRead, b: ToRead) =>
  (a.inductionOrder ?? 1000) - (b.inductionOrder ?? 1000) || a.title.localeCompare(b.title, 'sv');

export function TrainingPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { document.title = `${t('training.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);
  return (
    <div className="training">
      <h1 ref={heading} tabIndex={-1}>{t('training.title')}</h1>
      <p className="lead">{t('training.lead')}</p>
      <MyReading />
      {followsUnits(me) && <MyUnits me={me} />}
      <p><Link to="/bibliotek">{t('training.toLibrary')}</Link></p>
    </div>
  );
}

function MyReading() {
  const { t } = useTranslation();
  const list = useTrainingMe();
  if (list.isPending) return <p role="status">{t('common.loading')}</p>;
  if (list.error) return <p role="alert">{t('errors.network')}</p>;
  const all = [...list.data].sort(byInduction);
  const toRead = all.filter((d) => !d.upToDate);
  const done = all.filter((d) => d.upToDate);
  // The induction documents never read (a newcomer's first reading) come first, in their order; a new version of one read before is in the list below.
  const start = toRead.filter((d) => d.inductionOrder !== null && d.acknowledgedVersionNo === null);
  const rest = toRead.filter((d) => !start.includes(d));
  return (
    <>
      {start.length > 0 && (
        <section aria-labelledby="start-here" className="start-here">
          <h2 id="start-here">{t('training.startHere')}</h2>
          <p>{t('training.startHereLead')}</p>
          <ol className="cards">{start.map((d) => <ReadItem key={d.documentId} d={d} />)}</ol>
        </section>
      )}
      <section aria-labelledby="to-read">
        <h2 id="to-read">{t(start.length > 0 ? 'training.toReadMore' : 'training.toRead')} <span className="count">{rest.length}</span></h2>
        {rest.length === 0
          ? <p className="empty">{all.length === 0 ? t('training.nothingRequired') : start.length > 0 ? t('training.nothingMore') : t('training.allRead')}</p>
          : <ul className="cards">{rest.map((d) => <ReadItem key={d.documentId} d={d} />)}</ul>}
      </section>
      {done.length > 0 && (
        <section aria-labelledby="read-done">
          <h2 id="read-done">{t('training.done')} <span className="count">{done.length}</span></h2>
          <ul className="plain read-list">
            {done.map((d) => (
              <li key={d.documentId}>
                <Link to={`/bibliotek/${d.documentId}`}>{d.title}</Link>{' '}
                <span className="meta">– {t(`library.kind.${d.kind}`)}, {t('training.readVersion', { n: d.acknowledgedVersionNo ?? d.versionNo })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ReadItem({ d }: { d: ToRead }) {
  const { t } = useTranslation();
  const state = readState({ required: true, upToDate: d.upToDate, acknowledgedVersionNo: d.acknowledgedVersionNo });
  return (
    <li className="card read-item">
      <h3><Link to={`/bibliotek/${d.documentId}`}>{d.title}</Link></h3>
      <p className="read-status">
        <span className={`tag read-${state}`}>{t(`library.read.${state}`)}</span>{' '}
        <span className="meta">{t(`library.kind.${d.kind}`)}, {t('library.versionShort', { n: d.versionNo })}</span>
      </p>
      {state === 'reread' && <p><strong>{t('library.whatIsNew')}</strong> {d.changeSummary}</p>}
    </li>
  );
}

function MyUnits({ me }: { me: Me }) {
  const { t } = useTranslation();
  const units = useTrainingUnits(me);
  const title = me.role === 'analyst' ? 'training.unitsCounty' : 'training.units';
  return (
    <section aria-labelledby="my-units" className="my-units">
      <h2 id="my-units">{t(title)}</h2>
      <p className="hint">{t(me.role === 'analyst' ? 'training.unitsLeadShares' : 'training.unitsLead')}</p>
      {units.isPending && <p role="status">{t('common.loading')}</p>}
      {units.error && <p role="alert">{t('errors.network')}</p>}
      {units.data && units.data.units.length === 0 && <p className="empty">{t('training.noUnits')}</p>}
      {units.data && me.role !== 'manager' && units.data.principals.length > 0 && <PrincipalTable rows={units.data.principals} />}
      {units.data && units.data.units.length > 0 && <ul className="cards">{units.data.units.map((u) => <UnitCard key={u.unitId} u={u} />)}</ul>}
    </section>
  );
}

/** Per principal: each person counted once, up to date only when up to date in every unit they serve there. */
function PrincipalTable({ rows }: { rows: PrincipalTraining[] }) {
  const { t } = useTranslation();
  return (
    <table className="missing-table principal-table">
      <caption>{t('training.perPrincipal')}</caption>
      <thead><tr><th scope="col">{t('training.principal')}</th><th scope="col">{t('training.upToDateCol')}</th></tr></thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.principalId}>
            <th scope="row">{p.principalName}</th>
            <td>{p.suppressed ? t('training.suppressed') : p.members ? t('training.share', { upToDate: p.upToDate, members: p.members, percent: percent(p.upToDate, p.members) }) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UnitCard({ u }: { u: UnitTraining }) {
  const { t } = useTranslation();
  const pct = percent(u.upToDate, u.members);
  const missing = (u.people ?? []).filter((p) => p.missing.length > 0);
  const id = `unit-${u.unitId}`;
  return (
    <li className="card unit-training">
      <h3 id={id}>{u.unitName} <span className="meta">({u.principalName})</span></h3>
      {u.suppressed ? <p className="empty">{t('training.suppressedUnit')}</p> : u.members === 0 ? <p className="empty">{t('training.noMembers')}</p> : (
        <>
          <p className="share"><strong className="share-figure">{t('training.share', { upToDate: u.upToDate, members: u.members, percent: pct })}</strong>{' '}
            {t('training.shareWords')}</p>
          <div className="bar" aria-hidden="true"><span style={{ width: `${pct}%` }} /></div>
        </>
      )}
      {u.people && !!u.members && (missing.length === 0 ? <p className="ok-note">{t('training.everyoneRead')}</p> : (
        <table className="missing-table" aria-labelledby={id}>
          <thead><tr><th scope="col">{t('training.person')}</th><th scope="col">{t('training.missing')}</th></tr></thead>
          <tbody>
            {missing.map((p) => (
              <tr key={p.staffId}>
                <th scope="row">{p.name}</th>
                <td><ul className="plain-inline">{p.missing.map((m) => <li key={m.documentId}><Link to={`/bibliotek/${m.documentId}`}>{m.title}</Link></li>)}</ul></td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </li>
  );
}
