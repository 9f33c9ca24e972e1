/**
 * Versioner: every follow-up freezes the plan as a version; here two versions (or the last one
 * and the plan as it stands now) are compared in words, so that a revision is easy to read.
 */
import { ChangeList } from '../components/ChangeList.tsx';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { formatDateTime, formatDay } from '../format.ts';
import { SelectField } from '../components/Field.tsx';
import { unitName, usePlanView } from './PlanContext.ts';
import { diffVersions, type VersionContent } from './version-diff.ts';
import { ApprovalState } from '../family/StaffFamilyBlocks.tsx';

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
      <ApprovalState plan={plan} />
      {versions.length === 0 ? <p className="empty">{t('versions.none')}</p> : (
        <>
          <ul className="plain">{versions.map((v) => <li key={v.versionNo}>{t('versions.item', { n: v.versionNo, when: formatDateTime(v.createdAt) })} – {v.reason}</li>)}</ul>
          <div className="two">
            <SelectField name="from" label={t('versions.from')} value={from} onChange={setFrom} options={options} />
            <SelectField name="to" label={t('versions.to')} value={to} onChange={setTo} options={options} />
          </div>
          <div aria-live="polite">
            {diff.data && (diff.data.length === 0 ? <p>{t('versions.same')}</p> : <ChangeList changes={diff.data} names={{
              unit: (id) => unitName(view, id),
              principal: (id) => view.principals.get(id)?.name ?? id,
              person: (id) => view.plan.interventions.find((i) => i.responsibleStaffId === id)?.responsibleStaffName ?? t('content.otherPerson'),
            }} />)}
          </div>
        </>
      )}
    </section>
  );
}

