/**
 * Skriv ett nytt dokument (issue 8 item 1; decision 0009): a principal admin writes a governing
 * document in the app, as sections with headings, not as an uploaded file: its kind and title, for
 * a local agreement the agreement it belongs to (whose signatories it starts from), the principals
 * that sign it (the admin's own always), its place in the induction of new staff, and its first
 * version: from which day it applies, the text, and whom it asks to read it.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me, Principal } from '../api/types.ts';
import { today } from '../format.ts';
import { Checkbox, Group, Radio, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { afterReadingChanged, DOCUMENT_KINDS, useLocalAgreements, usePrincipals, type DocumentKind, type LocalAgreement } from './api.ts';
import { emptySection, SectionEditor, sectionsBody, type DraftSection } from './SectionEditor.tsx';
import { AudienceChooser, useAudienceChoice } from './AudienceChooser.tsx';
import './library.css';

export function NewDocumentPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const principals = usePrincipals();
  const agreements = useLocalAgreements();
  useEffect(() => { document.title = `${t('library.create.title')} – Samplan`; }, [t]);
  const own = me.assignments.find((a) => a.unitId === me.unitId)?.principalId ?? null;
  if (me.role !== 'principal_admin' || !own) {
    return (
      <section className="publish">
        <h1>{t('library.create.title')}</h1>
        <p>{t('library.create.notAllowed', { role: t(`role.${me.role}`) })}</p>
        <Link to="/bibliotek">{t('library.back')}</Link>
      </section>
    );
  }
  if (principals.isPending || agreements.isPending) return <p role="status">{t('common.loading')}</p>;
  if (!principals.data || !agreements.data) return <p role="alert">{t('errors.network')}</p>;
  return <NewDocumentForm own={own} principals={principals.data} agreements={agreements.data} />;
}

function NewDocumentForm({ own, principals, agreements }: { own: string; principals: Principal[]; agreements: LocalAgreement[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [title, setTitle] = useState('');
  const [localAgreementId, setLocalAgreementId] = useState('');
  const [signatories, setSignatories] = useState<string[]>([own]);
  const [inductionOrder, setInductionOrder] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const [changeSummary, setChangeSummary] = useState(() => t('library.create.firstVersion'));
  const [sections, setSections] = useState<DraftSection[]>(() => [emptySection()]);
  const audience = useAudienceChoice();
  const [local, setLocal] = useState<{ kind?: string; inductionOrder?: string; audiences?: string }>({});
  const errors = useServerErrors();
  const routine = kind === 'routine';

  const chooseKind = (k: DocumentKind) => {
    setKind(k);
    // Only a local agreement's text belongs to an agreement.
    if (k !== 'local_agreement') setLocalAgreementId('');
  };
  const chooseAgreement = (id: string) => {
    setLocalAgreementId(id);
    const agreement = agreements.find((a) => a.id === id);
    // Those who signed the agreement sign its text; the admin's own principal always.
    if (agreement) setSignatories([own, ...agreement.principalIds.filter((p) => p !== own)]);
  };
  const toggle = (id: string, on: boolean) => {
    if (id === own) return;
    setSignatories((list) => (on ? [...list.filter((p) => p !== id), id] : list.filter((p) => p !== id)));
  };

  /** The words for a field the server named, in the summary at the top. */
  const label = (field: string): string | undefined => {
    const [name, index, part] = field.replace(/^\//, '').split('/');
    switch (name) {
      case 'kind': return t('library.create.kindLegend');
      case 'title': return t('library.create.titleLabel');
      case 'localAgreementId': return t('library.create.agreementLabel');
      case 'signatoryPrincipalIds': return t('library.create.signatoriesLegend');
      case 'inductionOrder': return t('library.create.inductionLabel');
      case 'effectiveFrom': return t('library.publish.effectiveFrom');
      case 'changeSummary': return t('library.create.changeSummary');
      case 'audiences': return t('library.create.audienceLegend');
      case 'sections': {
        if (index === undefined || !/^\d+$/.test(index)) return t('library.publish.textTitle');
        const what = { heading: 'headingLabel', level: 'levelLabel', anchor: 'anchorLabel', body: 'bodyLabel', processStep: 'stepLabel' }[part ?? ''];
        const section = t('library.publish.section', { n: Number(index) + 1, heading: sections[Number(index)]?.heading || t('library.publish.untitled') });
        return what ? `${section}, ${t(`library.publish.${what}`).toLowerCase()}` : section;
      }
      default: return undefined;
    }
  };

  const save = async () => {
    const found: typeof local = {};
    if (!kind) found.kind = t('library.create.kindMissing');
    const order = inductionOrder.trim();
    if (order && !(/^\d{1,2}$/.test(order) && Number(order) >= 1)) found.inductionOrder = t('library.create.inductionInvalid');
    if (!audience.complete) found.audiences = t('library.publish.chooseBoth');
    setLocal(found);
    if (Object.keys(found).length || !kind) {
      errors.clear();
      return;
    }
    const ok = await errors.run(async () => {
      const r = await api.post<{ id: string; versionNo: number }>('/documents', {
        kind, title, localAgreementId: kind === 'local_agreement' && localAgreementId ? localAgreementId : null,
        inductionOrder: order ? Number(order) : null, signatoryPrincipalIds: signatories,
        effectiveFrom, changeSummary, sections: sectionsBody(sections, routine), audiences: audience.audiences(),
      });
      await afterReadingChanged(queryClient);
      navigate(`/bibliotek/${r.id}`, { state: { created: true, published: r.versionNo, effectiveFrom } });
    });
    if (!ok) window.scrollTo({ top: 0 });
  };

  const agreementOptions = agreements.map((a) => ({ value: a.id, label: a.name }));
  return (
    <div className="publish new-document">
      <p className="breadcrumb"><Link to="/bibliotek">{t('library.back')}</Link></p>
      <h1 ref={heading} tabIndex={-1}>{t('library.create.title')}</h1>
      <p className="lead">{t('library.create.lead')}</p>
      <form className="publish-form" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <ErrorSummary error={errors.error} label={label} />
        <section aria-labelledby="new-about-title">
          <h2 id="new-about-title">{t('library.create.aboutTitle')}</h2>
          <Group legend={t('library.create.kindLegend')} error={local.kind ?? errors.of('kind')}>
            {DOCUMENT_KINDS.map((k) => (
              <Radio key={k} name="kind" value={k} checked={kind === k} onChange={() => chooseKind(k)} label={t(`library.kind.${k}`)} />
            ))}
          </Group>
          {kind && <p className="hint kind-hint">{t(`library.kindHint.${kind}`)}</p>}
          <TextField name="title" label={t('library.create.titleLabel')} hint={t('library.create.titleHint')} value={title} onChange={setTitle}
            error={errors.of('title')} maxLength={200} required />
          {kind === 'local_agreement' && (
            <SelectField name="localAgreementId" label={t('library.create.agreementLabel')} hint={t('library.create.agreementHint')}
              value={localAgreementId} onChange={chooseAgreement} options={agreementOptions} placeholder={t('library.create.agreementPlaceholder')}
              error={errors.of('localAgreementId')} required />
          )}
          <Group legend={t('library.create.signatoriesLegend')} hint={t('library.create.signatoriesHint')} error={errors.of('signatoryPrincipalIds')}>
            {principals.map((p) => (
              <Checkbox key={p.id} name={`signatory-${p.id}`} label={p.name} checked={p.id === own || signatories.includes(p.id)}
                onChange={(on) => toggle(p.id, on)} disabled={p.id === own} hint={p.id === own ? t('library.create.ownPrincipal') : undefined} />
            ))}
          </Group>
          <TextField name="inductionOrder" label={t('library.create.inductionLabel')} hint={t('library.create.inductionHint')} value={inductionOrder}
            onChange={setInductionOrder} inputMode="numeric" maxLength={2} error={local.inductionOrder ?? errors.of('inductionOrder')} />
        </section>

        <section aria-labelledby="new-text-title">
          <h2 id="new-text-title">{t('library.publish.textTitle')}</h2>
          <p className="hint">{t('library.publish.textHint')}</p>
          <SectionEditor sections={sections} setSections={setSections} routine={routine} errors={errors} anchorHint={t('library.create.anchorHint')} />
        </section>

        <section aria-labelledby="new-decision-title">
          <h2 id="new-decision-title">{t('library.create.decisionTitle')}</h2>
          <TextField name="effectiveFrom" type="date" label={t('library.publish.effectiveFrom')} hint={t('library.create.effectiveFromHint')}
            value={effectiveFrom} onChange={setEffectiveFrom} error={errors.of('effectiveFrom')} required />
          <TextArea name="changeSummary" label={t('library.create.changeSummary')} hint={t('library.create.changeSummaryHint')}
            value={changeSummary} onChange={setChangeSummary} error={errors.of('changeSummary')} required />
          <AudienceChooser choice={audience} error={local.audiences ?? errors.of('audiences')} legend={t('library.create.audienceLegend')}
            hint={t('library.create.audienceHint')} noneLabel={t('library.create.modeNone')} asks={(who) => t('library.create.asks', { who })} />
        </section>
        <FormActions save={t('library.create.submit')} onCancel={() => navigate('/bibliotek')} />
      </form>
    </div>
  );
}
