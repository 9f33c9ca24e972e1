/**
 * The training as a key figure on the dashboard (issue 8 item 4; the audits' recommendation 1):
 * the share of staff who have read the versions in force of what their assignment requires, per
 * principal, beside the other figures of internal control, with its definition. Staff counts are
 * not about children, but a count under five still points at people for someone who sees no
 * names, so it shows as "<5" (the server withholds it); names stay on the Utbildning page.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types.ts';
import { followsUnits, percent, useTrainingUnits } from './api.ts';

export function TrainingFigure({ me }: { me: Me }) {
  const { t } = useTranslation();
  const status = useTrainingUnits(me);
  if (!followsUnits(me)) return null;
  const rows = status.data ? (status.data.principals.length ? status.data.principals.map((p) => ({ key: p.principalId, name: p.principalName, ...p }))
    : status.data.units.map((u) => ({ key: u.unitId, name: u.unitName, ...u }))) : [];
  return (
    <section aria-labelledby="control-training">
      <h2 id="control-training">{t('training.figure.heading')}</h2>
      <p className="figure-def">{t('training.figure.definition')}</p>
      {status.isPending && <p role="status">{t('common.loading')}</p>}
      {status.error && <p role="alert">{t('errors.network')}</p>}
      {status.data && (
        <div className="table-scroll">
          <table className="control-table">
            <thead>
              <tr>
                <th scope="col">{status.data.principals.length ? t('training.principal') : t('training.figure.unit')}</th>
                <th scope="col" className="num">{t('training.figure.share')}</th>
                <th scope="col" className="num">{t('training.upToDateCol')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.name}</th>
                  <td className="num">{r.suppressed ? t('training.suppressed') : r.members ? `${percent(r.upToDate, r.members)} %` : '–'}</td>
                  <td className="num">{r.suppressed ? '' : t('training.figure.of', { n: r.upToDate, d: r.members })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p><Link to="/utbildning">{t('training.figure.more')}</Link></p>
    </section>
  );
}
