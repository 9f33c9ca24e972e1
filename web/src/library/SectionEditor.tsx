/**
 * The text of a version as the author writes it (decision 0009): a list of sections, each with a
 * heading, a level, an anchor that links point to, a body of plain paragraphs and, in a routine,
 * the step of the SIP process it governs. Shared by "Publicera ny version" and "Skriv ett nytt
 * dokument"; the page keeps the list, this edits it.
 */
import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextArea, TextField } from '../components/Field.tsx';
import { anchorFrom, PROCESS_STEPS, type Section } from './api.ts';

export interface DraftSection extends Section { key: number; anchorTouched: boolean }

let nextKey = 1;
/** A section of a published version: its anchor stays as it is (links point to it). */
export const draftOf = (s: Section): DraftSection => ({ ...s, key: nextKey++, anchorTouched: true });
/** A new, empty section: its anchor follows the heading until the author writes one. */
export const emptySection = (level = 1): DraftSection => ({ key: nextKey++, anchor: '', heading: '', body: '', level, processStep: null, anchorTouched: false });

/** The sections as the server takes them; a process step only in a routine. */
export const sectionsBody = (sections: DraftSection[], routine: boolean): Section[] =>
  sections.map(({ anchor, level, heading, body, processStep }) => ({ anchor, level, heading, body, processStep: routine ? processStep : null }));

interface FieldErrors { of: (field: string) => string | undefined; exact: (field: string) => string | undefined }

export function SectionEditor({ sections, setSections, routine, errors, anchorHint }: {
  sections: DraftSection[]; setSections: Dispatch<SetStateAction<DraftSection[]>>; routine: boolean; errors: FieldErrors; anchorHint: string;
}) {
  const { t } = useTranslation();
  const duplicates = new Set(sections.map((s) => s.anchor).filter((a, i, all) => a && all.indexOf(a) !== i));

  const update = (key: number, patch: Partial<DraftSection>) => setSections((list) => list.map((s) => {
    if (s.key !== key) return s;
    const next = { ...s, ...patch };
    // The anchor follows the heading until the author writes one of their own (or it came from a published version: links point to it).
    if (patch.heading !== undefined && !s.anchorTouched) next.anchor = anchorFrom(patch.heading);
    if (patch.anchor !== undefined) next.anchorTouched = true;
    return next;
  }));
  const move = (i: number, by: -1 | 1) => setSections((list) => {
    const j = i + by;
    if (j < 0 || j >= list.length) return list;
    const copy = [...list];
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    return copy;
  });
  const addAfter = (i: number) => setSections((list) => [...list.slice(0, i + 1), emptySection(list[i]?.level ?? 1), ...list.slice(i + 1)]);
  const remove = (key: number) => setSections((list) => (list.length > 1 ? list.filter((s) => s.key !== key) : list));

  const stepOptions = PROCESS_STEPS.map((s) => ({ value: s, label: t(`help.step.${s}`) }));
  const levelOptions = [1, 2, 3].map((n) => ({ value: String(n), label: t(`library.publish.level${n}`) }));

  return (
    <>
      {errors.exact('sections') && <p className="field-error">{errors.exact('sections')}</p>}
      <ol className="section-editor">
        {sections.map((s, i) => {
          const err = (f: string) => errors.of(`sections/${i}/${f}`);
          const n = i + 1;
          return (
            <li key={s.key}>
              <fieldset className="group section-fields">
                <legend>{t('library.publish.section', { n, heading: s.heading || t('library.publish.untitled') })}</legend>
                <div className="two">
                  <TextField name={`heading-${s.key}`} label={t('library.publish.headingLabel')} value={s.heading} required
                    onChange={(v) => update(s.key, { heading: v })} error={err('heading')} maxLength={200} />
                  <SelectField name={`level-${s.key}`} label={t('library.publish.levelLabel')} value={String(s.level)} options={levelOptions}
                    onChange={(v) => update(s.key, { level: Number(v) })} error={err('level')} />
                </div>
                <div className="two">
                  <TextField name={`anchor-${s.key}`} label={t('library.publish.anchorLabel')} hint={anchorHint} value={s.anchor}
                    onChange={(v) => update(s.key, { anchor: v })} maxLength={80} required
                    error={err('anchor') ?? (duplicates.has(s.anchor) ? t('library.publish.anchorTwice') : undefined)} />
                  {routine && (
                    <SelectField name={`step-${s.key}`} label={t('library.publish.stepLabel')} hint={t('library.publish.stepHint')} value={s.processStep ?? ''}
                      options={stepOptions} placeholder={t('library.publish.noStep')}
                      onChange={(v) => update(s.key, { processStep: v || null })} error={err('processStep')} />
                  )}
                </div>
                <TextArea name={`body-${s.key}`} label={t('library.publish.bodyLabel')} hint={t('library.publish.bodyHint')} value={s.body} rows={6}
                  onChange={(v) => update(s.key, { body: v })} error={err('body')} />
                <div className="actions section-actions">
                  <button type="button" className="button small" onClick={() => move(i, -1)} disabled={i === 0}>
                    {t('library.publish.up')}<span className="visually-hidden"> {t('library.publish.sectionN', { n })}</span></button>
                  <button type="button" className="button small" onClick={() => move(i, 1)} disabled={i === sections.length - 1}>
                    {t('library.publish.down')}<span className="visually-hidden"> {t('library.publish.sectionN', { n })}</span></button>
                  <button type="button" className="button small" onClick={() => addAfter(i)}>
                    {t('library.publish.addAfter')}<span className="visually-hidden"> {t('library.publish.sectionN', { n })}</span></button>
                  <button type="button" className="link-button" onClick={() => remove(s.key)} disabled={sections.length === 1}>
                    {t('library.publish.remove')}<span className="visually-hidden"> {t('library.publish.sectionN', { n })}</span></button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
    </>
  );
}
