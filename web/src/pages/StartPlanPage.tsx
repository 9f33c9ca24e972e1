/**
 * Starta SIP: find the child (or register the child and the guardians), say why, and choose who
 * takes part. The plan is saved as a draft (initierad) at once; consent and the invitation follow
 * on the plan page, which always shows the next step.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { FoundPerson, Me, Unit } from '../api/types.ts';
import { parseIdentityNumber } from '../../../src/domain/identity-number.ts';
import { today } from '../format.ts';
import { Checkbox, Group, TextArea, TextField } from '../components/Field.tsx';
import { ErrorSummary, useServerErrors } from '../components/FormErrors.tsx';
import { focusFirstField } from '../components/focus.ts';
import { SchoolMayCall } from '../help/HelpLink.tsx';

interface PersonDraft { identityNumber: string; givenName: string; familyName: string }
const emptyPerson = (): PersonDraft => ({ identityNumber: '', givenName: '', familyName: '' });

/** The identity number checked as it is typed (the same rules as the server: src/domain/identity-number.ts). */
export function useIdentityCheck(value: string): string | undefined {
  const { t } = useTranslation();
  if (value.replace(/\D/g, '').length < 10) return undefined;
  const r = parseIdentityNumber(value, { today: today() });
  return r.ok ? undefined : t(`identity.${r.error}`);
}

export function StartPlanPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [child, setChild] = useState<FoundPerson | null>(null);
  useEffect(() => { document.title = `${t('start.title')} – Samplan`; }, [t]);
  return (
    <div className="start">
      <h1>{t('start.title')}</h1>
      <p className="lead">{t('start.lead')}</p>
      <SchoolMayCall />
      <ol className="steps" aria-label={t('start.stepsLabel')}>
        <li aria-current={!child ? 'step' : undefined}>{t('start.step1')}</li>
        <li aria-current={child ? 'step' : undefined}>{t('start.step2')}</li>
        <li>{t('start.step3')}</li>
        <li>{t('start.step4')}</li>
      </ol>
      {!child ? <FindChild onFound={setChild} /> : <DescribePlan me={me} child={child} onBack={() => setChild(null)} />}
    </div>
  );
}

function FindChild({ onFound }: { onFound: (p: FoundPerson) => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [notFound, setNotFound] = useState(false);
  const errors = useServerErrors();
  const typed = useIdentityCheck(number);

  const lookup = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setNotFound(false);
    try {
      onFound(await api.post<FoundPerson>('/persons/lookup', { identityNumber: number }));
    } catch (err) {
      if ((err as { status?: number }).status === 404) setNotFound(true);
      else errors.setError(err);
    }
  };

  return (
    <>
      <form ref={focusFirstField} onSubmit={lookup} className="card" aria-labelledby="find-child">
        <h2 id="find-child">{t('start.findTitle')}</h2>
        <ErrorSummary error={errors.error} />
        <TextField name="identityNumber" label={t('fields.identityNumber')} hint={t('start.identityHint')} value={number}
          onChange={(v) => { setNumber(v); setNotFound(false); }} error={typed ?? errors.of('identityNumber')} inputMode="numeric" required />
        <button type="submit" className="button primary" disabled={!!typed}>{t('start.find')}</button>
      </form>
      {notFound && <RegisterChild identityNumber={number} onRegistered={onFound} />}
    </>
  );
}

function RegisterChild({ identityNumber, onRegistered }: { identityNumber: string; onRegistered: (p: FoundPerson) => void }) {
  const { t } = useTranslation();
  const [person, setPerson] = useState<PersonDraft>({ ...emptyPerson(), identityNumber });
  const [guardians, setGuardians] = useState<PersonDraft[]>([emptyPerson()]);
  const [protectedIdentity, setProtected] = useState(false);
  const errors = useServerErrors();
  const childCheck = useIdentityCheck(person.identityNumber);
  const g0 = useIdentityCheck(guardians[0]?.identityNumber ?? '');
  const g1 = useIdentityCheck(guardians[1]?.identityNumber ?? '');
  const guardianChecks = [g0, g1];

  const submit = errors.submit(async () => {
    const filled = guardians.filter((g) => g.identityNumber.trim() || g.givenName.trim() || g.familyName.trim());
    const r = await api.post<{ id: string; guardianIds: string[] }>('/persons', { person: { ...person, protectedIdentity }, guardians: filled });
    onRegistered(await api.post<FoundPerson>('/persons/lookup', { identityNumber: person.identityNumber }).catch(() => ({
      id: r.id, givenName: person.givenName, familyName: person.familyName, birthDate: null, identityNumberMasked: '', protectedIdentity, guardians: [],
    })));
  });
  const setG = (i: number, patch: Partial<PersonDraft>) => setGuardians((gs) => gs.map((g, j) => (j === i ? { ...g, ...patch } : g)));

  return (
    <form ref={focusFirstField} onSubmit={submit} className="card" aria-labelledby="register-child">
      <h2 id="register-child">{t('start.registerTitle')}</h2>
      <p>{t('start.registerLead')}</p>
      <ErrorSummary error={errors.error} />
      <Group legend={t('start.child')}>
        <TextField name="person-identityNumber" label={t('fields.identityNumber')} value={person.identityNumber} onChange={(v) => setPerson({ ...person, identityNumber: v })}
          error={childCheck ?? errors.of('person/identityNumber')} inputMode="numeric" required />
        <TextField name="person-givenName" label={t('fields.givenName')} value={person.givenName} onChange={(v) => setPerson({ ...person, givenName: v })} error={errors.of('person/givenName')} required />
        <TextField name="person-familyName" label={t('fields.familyName')} value={person.familyName} onChange={(v) => setPerson({ ...person, familyName: v })} error={errors.of('person/familyName')} required />
        <Checkbox name="protected" label={t('start.protected')} hint={t('start.protectedHint')} checked={protectedIdentity} onChange={setProtected} />
      </Group>
      {guardians.map((g, i) => (
        <Group key={i} legend={t('start.guardian', { n: i + 1 })}>
          <TextField name={`g${i}-identityNumber`} label={t('fields.identityNumber')} value={g.identityNumber} onChange={(v) => setG(i, { identityNumber: v })}
            error={guardianChecks[i] ?? errors.of(`guardians/${i}/identityNumber`)} inputMode="numeric" />
          <TextField name={`g${i}-givenName`} label={t('fields.givenName')} value={g.givenName} onChange={(v) => setG(i, { givenName: v })} error={errors.of(`guardians/${i}/givenName`)} />
          <TextField name={`g${i}-familyName`} label={t('fields.familyName')} value={g.familyName} onChange={(v) => setG(i, { familyName: v })} error={errors.of(`guardians/${i}/familyName`)} />
        </Group>
      ))}
      {guardians.length < 2 && <button type="button" className="button" onClick={() => setGuardians([...guardians, emptyPerson()])}>{t('start.addGuardian')}</button>}
      <button type="submit" className="button primary">{t('start.register')}</button>
    </form>
  );
}

function DescribePlan({ me, child, onBack }: { me: Me; child: FoundPerson; onBack: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<Unit[]>('/units') });
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const errors = useServerErrors();
  const byPrincipal = useMemo(() => {
    const groups = new Map<string, Unit[]>();
    for (const u of units.data ?? []) if (u.id !== me.unitId) groups.set(u.principalName, [...(groups.get(u.principalName) ?? []), u]);
    return [...groups];
  }, [units.data, me.unitId]);

  const submit = errors.submit(async () => {
    const plan = await api.post<{ id: string }>('/plans', { childId: child.id, reason, unitIds: chosen });
    navigate(`/planer/${plan.id}/samtycke`);
  });

  return (
    <form ref={focusFirstField} onSubmit={submit} className="card" aria-labelledby="describe-plan">
      <h2 id="describe-plan">{t('start.describeTitle', { name: `${child.givenName} ${child.familyName}` })}</h2>
      <p>{child.identityNumberMasked}{child.guardians.length > 0 && ` · ${t('start.guardians')}: ${child.guardians.map((g) => `${g.givenName} ${g.familyName}`).join(', ')}`}</p>
      <ErrorSummary error={errors.error} />
      <TextArea name="reason" label={t('fields.reason')} hint={t('start.reasonHint')} value={reason} onChange={setReason} error={errors.of('reason')} required />
      <Group legend={t('start.units')} hint={t('start.unitsHint')} error={errors.of('unitIds')}>
        {byPrincipal.map(([principal, list]) => (
          <div key={principal} className="unit-group">
            <p className="group-title">{principal}</p>
            {list.map((u) => (
              <Checkbox key={u.id} name={`unit-${u.id}`} label={u.name} checked={chosen.includes(u.id)}
                onChange={(on) => setChosen(on ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))} />
            ))}
          </div>
        ))}
      </Group>
      <div className="actions">
        <button type="button" className="button" onClick={onBack}>{t('common.back')}</button>
        <button type="submit" className="button primary">{t('start.create')}</button>
      </div>
    </form>
  );
}
