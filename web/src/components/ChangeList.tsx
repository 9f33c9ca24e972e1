/**
 * What changed between two plan versions, in words (src version-diff.ts): the staff's *Versioner*
 * and the family's approval page show the same list. Each caller names people, units and
 * principals as its reader may know them (the family is never shown a staff member's id).
 */
import { useTranslation } from 'react-i18next';
import type { Change } from '../plan/version-diff.ts';
import { formatDay } from '../format.ts';

export interface ChangeNames {
  unit(id: string): string;
  principal(id: string): string;
  person(id: string): string;
}

export function ChangeList({ changes, names }: { changes: Change[]; names: ChangeNames }) {
  const { t } = useTranslation();
  const show = (field: string | undefined, v: string | undefined) => {
    if (!v) return '–';
    if (field === 'unitId') return names.unit(v);
    if (field === 'overallPrincipalId') return names.principal(v);
    if (field === 'responsibleStaffId') return names.person(v);
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
