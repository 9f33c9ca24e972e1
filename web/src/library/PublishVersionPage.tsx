/**
 * Publicera ny version (decision 0009): a signatory's admin writes the whole text again, starting
 * from the latest version, says what changed and from which day it applies, and chooses whom it
 * asks to read it again (unit kinds × roles; nobody for an editorial change). It is sent with the
 * latest version number as If-Match: when someone else published first, nothing is overwritten.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { today } from '../format.ts';
import { Checkbox, Group, Radio, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { ConflictNotice, type FieldChange } from '../components/ConflictNotice.tsx';
import { FormActions } from '../components/FormActions.tsx';
import {
  afterReadingChanged, anchorFrom, latestVersionNo, PROCESS_STEPS, ROLES, UNIT_KINDS, useDocument, useVersion,
  type Audience, type DocumentDetail, type Section, type Version,
} from './api.ts';
import { audienceWords } from './AudienceText.tsx';
import './library.css';

interface DraftSection extends Section { key: number; anchorTouched: boolean }
type AudienceMode = 'none' | 'same' | 'choose';

export function PublishVersionPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { documentId = '' } = useParams();
  const doc = useDocument(documentId);
  // The version the edit starts from is fixed when the page opens: a newer one read after a 412 must not reset the form.
  const [latest, setLatest] = useState<number | null>(null);
  if (latest === null && doc.data) setLatest(latestVersionNo(doc.data));
  const base = useVersion(documentId, latest);
  useEffect(() => { document.title = `${t('library.publish.title')} – Samplan`; }, [t]);
  if (doc.isPending || (latest !== null && latest > 0 && base.isPending)) return <p role="status">{t('common.loading')}</p>;
  if (doc.error || !doc.data) return <p role="alert">{doc.error instanceof ApiError && doc.error.status === 404 ? t('library.notFound') : t('errors.network')}</p>;
  if (!doc.data.canPublish) {
    return (
      <section>
        <h1>{t('library.publish.title')}</h1>
        <p>{t('library.publish.notAllowed', { role: t(`role.${me.role}`) })}</p>
        <Link to={`/bibliotek/${documentId}`}>{t('library.backTo', { title: doc.data.title })}</Link>
      </section>
    );
  }
  if (latest === null) return null;
  return <PublishForm d={doc.data} base={base.data ?? null} baseNo={latest} />;
}

let nextKey = 1;
const draftOf = (s: Section): DraftSection => ({ ...s, key: nextKey++, anchorTouched: true });
const emptySection = (level = 1): DraftSection => ({ key: nextKey++, anchor: '', heading: '', body: '', level, processStep: null, anchorTouched: false });

function PublishForm({ d, base, baseNo }: { d: DocumentDetail; base: Version | null; baseNo: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  const [sections, setSections] = useState<DraftSection[]>(() => (base?.sections.length ? base.sections.map(draftOf) : [emptySection()]));
  // A new version cannot take effect before the newest one so far, nor in the past.
  const [effectiveFrom, setEffectiveFrom] = useState(() => [today(), ...d.versions.map((v) => v.effectiveFrom.slice(0, 10))].sort().at(-1)!);
  const [changeSummary, setChangeSummary] = useState('');
  const previous = base?.audiences ?? [];
  const [mode, setMode] = useState<AudienceMode>('choose');
  const [kinds, setKinds] = useState<string[]>([]);
  const [roles, setRoles] = useState<string[]>([]);
  const [audienceError, setAudienceError] = useState<string | undefined>();
  const [summaryError, setSummaryError] = useState<string | undefined>();
  const [ifMatch, setIfMatch] = useState(baseNo);
  const [conflict, setConflict] = useState<{ changes: FieldChange[]; latest: number } | null>(null);
  const errors = useServerErrors();
  const routine = d.kind === 'routine';

  const audiences = (): Audience[] => {
    if (mode === 'none') return [];
    if (mode === 'same') return previous;
    return kinds.flatMap((unitKind) => roles.map((role) => ({ unitKind, role })));
  };
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

  const publish = async (version: number) => {
    setAudienceError(undefined);
    setSummaryError(undefined);
    if (!changeSummary.trim()) setSummaryError(t('library.publish.changeSummaryMissing'));
    if (mode === 'choose' && (kinds.length === 0 || roles.length === 0)) {
      setAudienceError(t('library.publish.chooseBoth'));
      return;
    }
    if (!changeSummary.trim()) return;
    const ok = await errors.run(async () => {
      try {
        const body = {
          effectiveFrom, changeSummary, audiences: audiences(),
          sections: sections.map(({ anchor, level, heading, body, processStep }) => ({ anchor, level, heading, body, processStep: routine ? processStep : null })),
        };
        const r = await api.post<{ versionNo: number }>(`/documents/${d.id}/versions`, body, version);
        await afterReadingChanged(queryClient);
        navigate(`/bibliotek/${d.id}`, { state: { published: r.versionNo, effectiveFrom } });
      } catch (err) {
        if (!(err instanceof ApiError && err.isConflict)) throw err;
        // Someone published first: show what they published beside this edit, and let the author choose.
        const now = await queryClient.fetchQuery({ queryKey: ['library', 'document', d.id], queryFn: () => api.get<DocumentDetail>(`/documents/${d.id}`), staleTime: 0 });
        const newer = now.versions.filter((v) => v.versionNo > version).sort((a, b) => a.versionNo - b.versionNo);
        setConflict({
          latest: latestVersionNo(now),
          changes: newer.map((v) => ({
            label: t('library.publish.conflictRow', { n: v.versionNo }),
            before: t('library.versionShort', { n: version }),
            theirs: `${v.changeSummary}${v.publishedBy ? ` (${v.publishedBy})` : ''}`,
            mine: changeSummary || '–',
          })),
        });
      }
    });
    if (!ok) window.scrollTo({ top: 0 });
  };

  const stepOptions = PROCESS_STEPS.map((s) => ({ value: s, label: t(`help.step.${s}`) }));
  const levelOptions = [1, 2, 3].map((n) => ({ value: String(n), label: t(`library.publish.level${n}`) }));

  return (
    <div className="publish">
      <p className="breadcrumb"><Link to={`/bibliotek/${d.id}`}>{t('library.backTo', { title: d.title })}</Link></p>
      <h1 ref={heading} tabIndex={-1}>{t('library.publish.heading', { title: d.title })}</h1>
      <p className="lead">{t('library.publish.lead', { n: ifMatch + 1 })}</p>
      {conflict && (
        <ConflictNotice changes={conflict.changes}
          onReapply={() => { setIfMatch(conflict.latest); setConflict(null); void publish(conflict.latest); }}
          onDiscard={() => navigate(`/bibliotek/${d.id}`)} />
      )}
      {conflict && <p className="hint conflict-hint">{t('library.publish.conflictHint')}</p>}
      <form className="publish-form" noValidate onSubmit={(e) => { e.preventDefault(); void publish(ifMatch); }}>
        <ErrorSummary error={errors.error} />
        <section aria-labelledby="publish-text-title">
          <h2 id="publish-text-title">{t('library.publish.textTitle')}</h2>
          <p className="hint">{t('library.publish.textHint')}</p>
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
                      <TextField name={`anchor-${s.key}`} label={t('library.publish.anchorLabel')} hint={t('library.publish.anchorHint')} value={s.anchor}
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
        </section>

        <section aria-labelledby="publish-decision-title">
          <h2 id="publish-decision-title">{t('library.publish.decisionTitle')}</h2>
          <TextField name="effectiveFrom" type="date" label={t('library.publish.effectiveFrom')} hint={t('library.publish.effectiveFromHint')}
            value={effectiveFrom} onChange={setEffectiveFrom} error={errors.of('effectiveFrom')} required />
          <TextArea name="changeSummary" label={t('library.publish.changeSummary')} hint={t('library.publish.changeSummaryHint')}
            value={changeSummary} onChange={setChangeSummary} error={summaryError ?? errors.of('changeSummary')} required />
          <Group legend={t('library.publish.audienceLegend')} hint={t('library.publish.audienceHint')} error={audienceError ?? errors.of('audiences')}>
            <Radio name="audience-mode" value="choose" checked={mode === 'choose'} onChange={() => setMode('choose')} label={t('library.publish.modeChoose')} />
            {previous.length > 0 && (
              <Radio name="audience-mode" value="same" checked={mode === 'same'} onChange={() => setMode('same')}
                label={t('library.publish.modeSame', { who: audienceWords(t, previous) })} />
            )}
            <Radio name="audience-mode" value="none" checked={mode === 'none'} onChange={() => setMode('none')} label={t('library.publish.modeNone')} />
            {mode === 'choose' && (
              <div className="audience-grid">
                <Group legend={t('library.publish.kindsLegend')}>
                  {UNIT_KINDS.map((k) => (
                    <Checkbox key={k} name={`kind-${k}`} label={t(`admin.kind.${k}`)} checked={kinds.includes(k)}
                      onChange={(on) => setKinds(on ? [...kinds, k] : kinds.filter((x) => x !== k))} />
                  ))}
                </Group>
                <Group legend={t('library.publish.rolesLegend')}>
                  {ROLES.map((r) => (
                    <Checkbox key={r} name={`role-${r}`} label={t(`library.roles.${r}`)} checked={roles.includes(r)}
                      onChange={(on) => setRoles(on ? [...roles, r] : roles.filter((x) => x !== r))} />
                  ))}
                </Group>
                <p className="hint" role="status">{kinds.length && roles.length
                  ? t('library.publish.asks', { who: audienceWords(t, audiences()) })
                  : t('library.publish.chooseBoth')}</p>
              </div>
            )}
          </Group>
        </section>
        <FormActions save={t('library.publish.submit', { n: ifMatch + 1 })} onCancel={() => navigate(`/bibliotek/${d.id}`)} />
      </form>
    </div>
  );
}
