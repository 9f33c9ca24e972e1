/**
 * Uppföljning: the key figures of internal control (issue 7; SIP.md §5) for managers, analysts,
 * admins and the steering groups. The year's figures with their definitions and targets, the trend
 * over time, the municipalities side by side (the geographic differences the audits found), the
 * steering group's goals, and export. Every chart has its table; small counts show as "<5".
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useFigureText } from './figure-text.ts';
import { Chart } from './Chart.tsx';
import { GoalsSection } from './GoalsSection.tsx';
import { TrainingFigure } from '../training/TrainingFigure.tsx';
import type { Cell, ControlMe, KeyFigureTable } from './types.ts';
import './control.css';

type Grain = 'month' | 'quarter' | 'year';

const tableQuery = (p: Record<string, string>) => new URLSearchParams(p).toString();

export function ControlPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const text = useFigureText();
  const heading = useRef<HTMLHeadingElement>(null);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [grain, setGrain] = useState<Grain>('quarter');
  const [figure, setFigure] = useState('initiated');
  const [compare, setCompare] = useState<string[] | null>(null);
  const [showNational, setShowNational] = useState(false);
  useEffect(() => { document.title = `${t('control.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);

  const control = useQuery({ queryKey: ['control', 'me', me.unitId, me.role], queryFn: () => api.get<ControlMe>('/key-figures/me') });
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const canView = control.data?.canView ?? false;
  const county = useQuery({
    queryKey: ['control', 'county', year, me.unitId, me.role], enabled: canView,
    queryFn: () => api.get<KeyFigureTable>(`/key-figures?${tableQuery({ dimension: 'county', grain: 'year', ...range })}`),
  });
  const municipalities = useQuery({
    queryKey: ['control', 'municipalities', year, me.unitId, me.role], enabled: canView,
    queryFn: () => api.get<KeyFigureTable>(`/key-figures?${tableQuery({ dimension: 'municipality', grain: 'year', ...range })}`),
  });
  // The whole country, county by county: asked for only when opened (it is 21 counties' work).
  const national = useQuery({
    queryKey: ['control', 'national', year, me.unitId, me.role], enabled: canView && showNational,
    queryFn: () => api.get<KeyFigureTable>(`/key-figures?${tableQuery({ dimension: 'county', grain: 'year', scope: 'national', ...range })}`),
  });
  const allGroups = municipalities.data?.groups ?? [];
  const selected = compare ?? allGroups.map((g) => g.key);
  const chosenGroups = allGroups.filter((g) => selected.includes(g.key));
  const trend = useQuery({
    queryKey: ['control', 'trend', year, grain, figure, selected.join(','), me.unitId, me.role], enabled: canView && selected.length > 0,
    queryFn: () => api.get<KeyFigureTable>(`/key-figures?${tableQuery({ dimension: 'municipality', grain, figures: figure, groups: selected.join(','), ...range })}`),
  });

  if (control.isPending) return <p role="status">{t('common.loading')}</p>;
  if (!canView) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>{t('control.title')}</h1>
        <p>{t('control.notForYou')}</p>
      </section>
    );
  }
  const figures = county.data?.figures ?? control.data!.figures;
  const countyKey = county.data?.groups[0]?.key ?? me.county;
  const countyCell = (id: string) => county.data?.cells.find((c) => c.figure === id && c.group === countyKey);
  const muniCell = (id: string, group: string) => municipalities.data?.cells.find((c) => c.figure === id && c.group === group);
  const exportQuery = tableQuery({ dimension: 'municipality', grain: 'year', ...range, groups: selected.join(',') });
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);

  const trendPeriods = trend.data?.periods ?? [];
  const trendGroups = trend.data?.groups ?? [];
  const trendSeries = trendGroups.map((g) => ({
    label: g.label,
    values: trendPeriods.map((p) => trend.data!.cells.find((c) => c.group === g.key && c.period === p.start)?.value ?? null),
  }));
  const barSeries = [{ label: text.name(figure), values: chosenGroups.map((g) => muniCell(figure, g.key)?.value ?? null) }];
  const nationalGroups = national.data?.groups ?? [];
  const nationalCell = (id: string, group: string) => national.data?.cells.find((c) => c.figure === id && c.group === group);

  return (
    <div className="control">
      <h1 ref={heading} tabIndex={-1}>{t('control.title')}</h1>
      <p className="lead">{t('control.lead')}</p>
      <p className="control-note">{control.data!.analyst ? t('control.analystNote') : t('control.suppressionNote')}</p>

      <form className="control-filters" aria-label={t('control.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="control-field"><label htmlFor="control-year-select">{t('control.year')}</label>
          <select id="control-year-select" value={year} onChange={(e) => setYear(Number(e.target.value))}>{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
        </div>
        <div className="control-field"><label htmlFor="control-grain">{t('control.grain')}</label>
          <select id="control-grain" value={grain} onChange={(e) => setGrain(e.target.value as Grain)}>
            {(['month', 'quarter', 'year'] as const).map((g) => <option key={g} value={g}>{t(`control.grains.${g}`)}</option>)}
          </select>
        </div>
        <div className="control-field"><label htmlFor="control-figure">{t('control.figure')}</label>
          <select id="control-figure" value={figure} onChange={(e) => setFigure(e.target.value)}>
            {figures.map((f) => <option key={f.id} value={f.id}>{text.name(f.id)}</option>)}
          </select>
        </div>
        <fieldset className="control-compare">
          <legend>{t('control.compare')}</legend>
          {allGroups.map((g) => (
            <label key={g.key} className="checkbox">
              <input type="checkbox" checked={selected.includes(g.key)}
                onChange={(e) => setCompare(e.target.checked ? [...selected, g.key] : selected.filter((k) => k !== g.key))} />
              {g.label}
            </label>
          ))}
        </fieldset>
      </form>

      <section aria-labelledby="control-year">
        <h2 id="control-year">{t('control.yearHeading', { year, county: county.data?.groups[0]?.label ?? '' })}</h2>
        <div className="table-scroll">
          <table className="control-table">
            <caption>{t('control.yearCaption', { year })}</caption>
            <thead><tr><th scope="col">{t('control.figureColumn')}</th><th scope="col">{t('control.value')}</th><th scope="col">{t('control.basis')}</th></tr></thead>
            <tbody>
              {figures.map((f) => {
                const c = countyCell(f.id);
                return (
                  <tr key={f.id}>
                    <th scope="row"><span className="figure-name">{text.name(f.id)}</span><span className="figure-def">{text.definition(f.id)}</span></th>
                    <ValueCells c={c} />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {(county.data?.unavailable.length ?? 0) > 0 && <p className="control-note">{t('control.unavailable')}</p>}
      </section>

      <GoalsSection me={me} year={year} steering={control.data!.steering} figures={figures} />

      <section aria-labelledby="control-trend">
        <h2 id="control-trend">{t('control.trendHeading', { figure: text.name(figure) })}</h2>
        <p className="figure-def">{text.definition(figure)}</p>
        {trendSeries.length > 0 && (
          <Chart kind="line" id="control-trend-table" title={t('control.trendChart', { figure: text.name(figure), year })}
            labels={trendPeriods.map((p) => text.period(p.label))} series={trendSeries} />
        )}
        <div className="table-scroll">
          <table className="control-table" id="control-trend-table">
            <caption>{t('control.trendCaption', { figure: text.name(figure), year })}</caption>
            <thead><tr><th scope="col">{t('control.period')}</th>{trendGroups.map((g) => <th key={g.key} scope="col">{g.label}</th>)}</tr></thead>
            <tbody>
              {trendPeriods.map((p) => (
                <tr key={p.start}>
                  <th scope="row">{text.period(p.label)}</th>
                  {trendGroups.map((g) => <td key={g.key} className="num">{trend.data!.cells.find((c) => c.group === g.key && c.period === p.start)?.display || '–'}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="control-compare">
        <h2 id="control-compare">{t('control.compareHeading', { year })}</h2>
        <p>{t('control.compareLead')}</p>
        {chosenGroups.length > 0 && (
          <Chart kind="bar" id="control-compare-table" title={t('control.compareChart', { figure: text.name(figure), year })}
            labels={chosenGroups.map((g) => g.label)} series={barSeries} />
        )}
        <div className="control-export">
          <a className="button" href={`/api/key-figures/export.xlsx?${exportQuery}`} download>{t('control.exportExcel')}</a>
          <a className="button" href={`/api/key-figures/export.csv?${exportQuery}`} download>{t('control.exportCsv')}</a>
        </div>
        <div className="table-scroll">
          <table className="control-table" id="control-compare-table">
            <caption>{t('control.compareCaption', { year })}</caption>
            <thead><tr><th scope="col">{t('control.figureColumn')}</th>{chosenGroups.map((g) => <th key={g.key} scope="col">{g.label}</th>)}</tr></thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.id} data-figure={f.id}>
                  <th scope="row"><span className="figure-name">{text.name(f.id)}</span><span className="figure-def">{text.definition(f.id)}</span></th>
                  {chosenGroups.map((g) => <td key={g.key} className="num">{muniCell(f.id, g.key)?.display || '–'}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="control-national">
        <h2 id="control-national">{t('control.nationalHeading', { year })}</h2>
        <p>{t('control.nationalLead')}</p>
        {!showNational && <button type="button" className="button" onClick={() => setShowNational(true)}>{t('control.nationalShow')}</button>}
        {showNational && national.isPending && <p role="status">{t('common.loading')}</p>}
        {nationalGroups.length > 0 && (
          <>
            <Chart kind="bar" id="control-national-table" title={t('control.nationalChart', { figure: text.name(figure), year })}
              labels={nationalGroups.map((g) => g.label)} series={[{ label: text.name(figure), values: nationalGroups.map((g) => nationalCell(figure, g.key)?.value ?? null) }]} />
            <div className="table-scroll">
              <table className="control-table" id="control-national-table">
                <caption>{t('control.nationalCaption', { figure: text.name(figure), year })}</caption>
                <thead><tr><th scope="col">{t('control.countyColumn')}</th><th scope="col">{t('control.value')}</th><th scope="col">{t('control.basis')}</th></tr></thead>
                <tbody>
                  {nationalGroups.map((g) => {
                    const c = nationalCell(figure, g.key);
                    return (
                      <tr key={g.key}>
                        <th scope="row">{g.label}</th>
                        <ValueCells c={c} />
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <TrainingFigure me={me} />
    </div>
  );
}

/** A figure's value ("<5" when suppressed) and what it counts of ("3 av 5"), as two table cells. */
function ValueCells({ c }: { c: Cell | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <td className="num">{c?.display || '–'}</td>
      <td className="num">{c?.denominator !== null && c?.denominator !== undefined ? t('control.of', { n: c.numerator ?? '', d: c.denominator }) : ''}</td>
    </>
  );
}
