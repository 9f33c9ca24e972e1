/**
 * Versioner: every follow-up freezes the plan as a version; here two versions (or the last one
 * and the plan as it stands now) are compared in words, so that a revision is easy to read.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { formatDateTime, formatDay } from '../format.ts';
import { SelectField } from '../components/Field.tsx';
import { unitName, usePlanView, type PlanView } from './PlanContext.ts';
import { diffVersions, type Change, type VersionContent } from './version-diff.ts';

const CURRENT = 'current';

export function VersionsSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const { plan } = view;
  const versions = plan.versions;
  const [from, setFrom] = useState(versions.length >= 2 ? String(versions.at(-2)!.versionNo) : versions.length === 1 ? String(versions[0]!.versionNo) : '');
  const [to, setTo] = useState(versions.length >= 2 ? String(versions.at(-1)!.versionNo) : CURRENT);
  const load = (v: string) => (v === CURRENT ? Promise.resolve(plan as unknown as VersionContent)
    : api.get<{ content: VersionContent }>(`/plans/${plan.id}/versions/${v}`).then((r) => r.content));
  const diff = useQuery({
    queryKey: ['diff', plan.id, from, to, plan.updatedAt], enabled: !!from && !!to && from !== to,
    queryFn: async () => diffVersions(await load(from), await load(to)),
  });
  const options = [...versions.map((v) => ({ value: String(v.versionNo), label: t('versions.option', { n: v.versionNo, when: formatDay(v.createdAt, false) }) })), { value: CURRENT, label: t('versions.current') }];

  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t('versions.title')}</h2>
      {versions.length === 0 ? <p className="empty">{t('versions.none')}</p> : (
        <>
          <ul className="plain">{versions.map((v) => <li key={v.versionNo}>{t('versions.item', { n: v.versionNo, when: formatDateTime(v.createdAt) })} – {v.reason}</li>)}</ul>
          <div className="two">
            <SelectField name="from" label={t('versions.from')} value={from} onChange={setFrom} options={options} />
            <SelectField name="to" label={t('versions.to')} value={to} onChange={setTo} options={options} />
          </div>
          <div aria-live="polite">
            {diff.data && (diff.data.length === 0 ? <p>{t('versions.same')}</p> : <ChangeList changes={diff.data} view={view} />)}
          </div>
        </>
      )}
    </section>
  );
}

function ChangeList({ changes, view }: { changes: Change[]; view: PlanView }) {
  const { t } = useTranslation();
  const show = (field: string | undefined, v: string | undefined) => {
    if (!v) return '–';
    if (field === 'unitId') return unitName(view, v);
    if (field === 'overallPrincipalId') return view.principals.get(v)?.name ?? v;
    if (field === 'responsibleStaffId') return view.plan.interventions.find((i) => i.responsibleStaffId === v)?.responsibleStaffName ?? t('content.otherPerson');
    if (field === 'status') return t(`interventionStatus.${v}`);
    if (field === 'lifeArea') return t(`lifeArea.${v}`);
    if (field && /On$/.test(field)) return formatDay(v, false);
    return v;
  };
  return (
    <ul className="diff">
      {changes.map((c, i) => (
        <li key={i} className={`diff-${c.kind}`}>
          <span className="diff-kind">{t(`versions.kind.${c.kind}`)}</span>{' '}
          <span>{t(`versions.part.${c.part}`)}</span>
          {c.part !== 'plan' && <>: <q>{c.subject}</q></>}
          {c.kind === 'changed' && <> – {t(`versions.field.${c.field}`)}: <del>{show(c.field, c.before)}</del> → <ins>{show(c.field, c.after)}</ins></>}
        </li>
      ))}
    </ul>
  );
}
