/** What a unit says about itself, as a definition list: shown on the directory's cards and beside the plan's unit choices. */
import { useTranslation } from 'react-i18next';
import type { UnitProfile } from './api.ts';

export function ProfileDetails({ profile, compact = false }: { profile: UnitProfile; compact?: boolean }) {
  const { t } = useTranslation();
  const p = profile;
  const empty = p.version === 0 || (!p.mandate && p.offers.length === 0 && !p.whoMayInitiate && !p.phone && !p.email);
  if (empty) return <p className="empty">{t('directory.noProfile')}</p>;
  return (
    <dl className={compact ? 'profile-details compact' : 'profile-details'}>
      {p.mandate && <div className="wide"><dt>{t('directory.fields.mandate')}</dt><dd className="pre">{p.mandate}</dd></div>}
      {p.offers.length > 0 && <div><dt>{t('directory.fields.offers')}</dt><dd><ul>{p.offers.map((o) => <li key={o}>{o}</li>)}</ul></dd></div>}
      {p.laws.length > 0 && <div><dt>{t('directory.fields.laws')}</dt><dd>{p.laws.map((l) => t(`directory.law.${l}`)).join(', ')}</dd></div>}
      {(p.phone || p.email || p.address || p.hours) && (
        <div><dt>{t('directory.fields.contact')}</dt><dd>
          {p.phone && <span className="line">{t('directory.fields.phone')}: <a href={`tel:${p.phone.replace(/[^+0-9]/g, '')}`}>{p.phone}</a></span>}
          {p.email && <span className="line">{t('directory.fields.email')}: <a href={`mailto:${p.email}`}>{p.email}</a></span>}
          {p.address && <span className="line">{p.address}</span>}
          {p.hours && <span className="line">{p.hours}</span>}
        </dd></div>
      )}
      {!compact && p.whoMayInitiate && <div className="wide"><dt>{t('directory.fields.whoMayInitiate')}</dt><dd className="pre">{p.whoMayInitiate}</dd></div>}
    </dl>
  );
}
