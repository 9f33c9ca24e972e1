/**
 * Mål och utfall: the steering group of a local agreement sets the year's targets per key figure
 * and its qualitative goals with how they were followed up (issue 7 item 2); everyone who reads
 * the figures sees actual against target. Edits carry the version read (412 when someone else
 * saved first).
 */
import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import type { AgreementGoals, FigureDefinition, GoalsAnswer, GoalView } from './types.ts';
import { useFigureText } from './figure-text.ts';

export function GoalsSection({ me, year, steering, figures }: { me: Me; year: number; steering: Array<{ id: string }>; figures: FigureDefinition[] }) {
  const { t } = useTranslation();
  const goals = useQuery({ queryKey: ['control', 'goals', year, me.unitId, me.role], queryFn: () => api.get<GoalsAnswer>(`/key-figures/goals?year=${year}`) });
  const [chosen, setChosen] = useState<string | null>(null);
  const agreements = goals.data?.agreements ?? [];
  const current = agreements.find((a) => a.id === chosen) ?? agreements.find((a) => steering.some((s) => s.id === a.id)) ?? agreements[0];
  return (
    <section aria-labelledby="control-goals">
      <h2 id="control-goals">{t('control.goalsHeading', { year })}</h2>
      {agreements.length === 0 ? <p>{t('control.noAgreements')}</p> : (
        <>
          <div className="control-field"><label htmlFor="control-agreement">{t('control.agreement')}</label>
            <select id="control-agreement" value={current?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {agreements.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
          {current && <AgreementGoalsView key={`${current.id}-${year}`} agreement={current} year={year} figures={figures} />}
        </>
      )}
    </section>
  );
}

function AgreementGoalsView({ agreement, year, figures }: { agreement: AgreementGoals; year: number; figures: FigureDefinition[] }) {
  const { t } = useTranslation();
  const text = useFigureText();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['control', 'goals'] });
  const [figure, setFigure] = useState(figures[0]?.id ?? 'initiated');
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const existing = agreement.targets.find((x) => x.figure === figure);

  const saveTarget = async (e: FormEvent) => {
    e.preventDefault();
    setError(''); setDone('');
    const target = Number(value.replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(target)) { setError(t('control.targetInvalid')); return; }
    try {
      await api.put(`/key-figures/agreements/${agreement.id}/targets/${year}/${figure}`, { target }, existing?.version ?? null);
      setDone(t('control.targetSaved', { figure: text.name(figure), target }));
      setValue('');
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError && err.isConflict ? t('control.conflict') : err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="control-goals">
      <div className="table-scroll">
        <table className="control-table">
          <caption>{t('control.targetsCaption', { agreement: agreement.name, year })}</caption>
          <thead><tr><th scope="col">{t('control.figureColumn')}</th><th scope="col">{t('control.target')}</th><th scope="col">{t('control.actual')}</th><th scope="col">{t('control.met')}</th></tr></thead>
          <tbody>
            {agreement.targets.length === 0 && <tr><td colSpan={4}>{t('control.noTargets')}</td></tr>}
            {agreement.targets.map((x) => (
              <tr key={x.id}>
                <th scope="row"><span className="figure-name">{text.name(x.figure)}</span><span className="figure-def">{text.definition(x.figure)}</span></th>
                <td className="num">{x.target}</td>
                <td className="num">{x.actualDisplay || '–'}</td>
                <td>{x.met === null ? '–' : x.met ? <span className="met-yes">✓ {t('control.metYes')}</span> : <span className="met-no">✗ {t('control.metNo')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {agreement.canEdit && (
        <form className="control-form" onSubmit={(e) => void saveTarget(e)} aria-labelledby="set-target">
          <h3 id="set-target">{t('control.setTarget')}</h3>
          <div className="control-field"><label htmlFor="target-figure">{t('control.figure')}</label>
            <select id="target-figure" value={figure} onChange={(e) => setFigure(e.target.value)}>
              {figures.map((f) => <option key={f.id} value={f.id}>{text.name(f.id)}</option>)}
            </select>
          </div>
          <div className="control-field"><label htmlFor="target-value">{t('control.targetValue')}</label>
            <input id="target-value" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-describedby="target-hint" />
          </div>
          <p id="target-hint" className="hint">{existing ? t('control.targetExisting', { target: existing.target }) : t('control.targetHint')}</p>
          <button type="submit" className="button primary">{t('control.saveTarget')}</button>
          {error && <p role="alert" className="field-error">{error}</p>}
          <p role="status" className="control-done">{done}</p>
        </form>
      )}
      <h3>{t('control.qualitative')}</h3>
      {agreement.goals.length === 0 && <p>{t('control.noGoals')}</p>}
      <ul className="control-goal-list">
        {agreement.goals.map((g) => <GoalItem key={g.id} goal={g} canEdit={agreement.canEdit} onSaved={refresh} />)}
      </ul>
      {agreement.canEdit && <AddGoal agreementId={agreement.id} year={year} onSaved={refresh} />}
    </div>
  );
}

function GoalItem({ goal, canEdit, onSaved }: { goal: GoalView; canEdit: boolean; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [followUp, setFollowUp] = useState(goal.followUp ?? '');
  const [error, setError] = useState('');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      await api.patch(`/key-figures/goals/${goal.id}`, { followUp }, goal.version);
      await onSaved();
    } catch (err) {
      setError(err instanceof ApiError && err.isConflict ? t('control.conflict') : err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <li>
      <p className="goal-text">{goal.goal}</p>
      {canEdit ? (
        <form onSubmit={(e) => void save(e)}>
          <label>{t('control.followUp')}
            <textarea value={followUp} onChange={(e) => setFollowUp(e.target.value)} rows={2} />
          </label>
          <button type="submit" className="button">{t('control.saveFollowUp')}</button>
          {error && <p role="alert" className="field-error">{error}</p>}
        </form>
      ) : <p>{goal.followUp ? `${t('control.followUp')}: ${goal.followUp}` : t('control.noFollowUp')}</p>}
    </li>
  );
}

function AddGoal({ agreementId, year, onSaved }: { agreementId: string; year: number; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [goal, setGoal] = useState('');
  const [error, setError] = useState('');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    if (!goal.trim()) { setError(t('control.goalRequired')); return; }
    try {
      await api.post(`/key-figures/agreements/${agreementId}/goals`, { year, goal });
      setGoal('');
      await onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="control-form" onSubmit={(e) => void add(e)}>
      <label>{t('control.newGoal')}
        <textarea value={goal} onChange={(e) => setGoal(e.target.value)} rows={2} />
      </label>
      <button type="submit" className="button primary">{t('control.addGoal')}</button>
      {error && <p role="alert" className="field-error">{error}</p>}
    </form>
  );
}
