/**
 * Vem gör vad: what each unit of the county is for, what it offers, the law it works under, how to
 * reach it and who there may call a SIP (the Skåne audits' recommendation 2: the agencies tell
 * each other their own mandate). Searched in Swedish; a unit's manager keeps its own card.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../components/Field.tsx';
import { UNIT_KINDS } from '../../../src/domain/organisation.ts';
import { useDebounced, useProfiles, type UnitProfile } from './api.ts';
import { ProfileDetails } from './ProfileDetails.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import './directory.css';

export function DirectoryPage() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const search = useDebounced(q);
  const profiles = useProfiles(search, kind);
  useEffect(() => { document.title = `${t('directory.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);
  const items = profiles.data ?? [];
  return (
    <div className="directory">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{t('directory.title')}</h1>
        <Link to="/ansvar">{t('directory.toResponsibility')}</Link>
      </div>
      <p className="lead">{t('directory.lead')}</p>
      <form role="search" className="directory-search" onSubmit={(e) => e.preventDefault()} aria-label={t('directory.searchLabel')}>
        <TextField name="q" type="search" label={t('directory.searchLabel')} hint={t('directory.searchHint')} value={q} onChange={setQ} maxLength={200} />
        <SelectField name="kind" label={t('directory.kindLabel')} value={kind} onChange={setKind} placeholder={t('directory.allKinds')}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))} />
      </form>
      <p role="status" className="meta">{profiles.isPending ? t('common.loading') : t('directory.count', { count: items.length })}</p>
      {profiles.error && <p role="alert">{t('errors.network')}</p>}
      {profiles.data && items.length === 0 && <p className="empty">{t('directory.none')}</p>}
      <ul className="cards">{items.map((p) => <ProfileCard key={p.unitId} profile={p} />)}</ul>
    </div>
  );
}

function ProfileCard({ profile }: { profile: UnitProfile }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const titleId = `unit-${profile.unitId}`;
  return (
    <li className="card unit-profile">
      <article aria-labelledby={titleId}>
        <h2 id={titleId} className="h3">{profile.unitName}</h2>
        <p className="meta">{[t(`admin.kind.${profile.unitKind}`), profile.principalName].join(' · ')}</p>
        {editing ? <ProfileForm profile={profile} onDone={(ok) => { setEditing(false); setSaved(ok); }} /> : <ProfileDetails profile={profile} />}
        {saved && !editing && <p role="status" className="saved">{t('directory.saved')}</p>}
        {profile.canEdit && !editing && (
          <button type="button" className="button small" onClick={() => { setSaved(false); setEditing(true); }}>
            {t('directory.edit')}<span className="visually-hidden"> – {profile.unitName}</span>
          </button>
        )}
      </article>
    </li>
  );
}
