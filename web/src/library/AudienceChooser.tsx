/**
 * Whom a version asks to read it (decision 0009): kinds of unit × roles, the same as the previous
 * version, or nobody (an editorial change, or a text nobody must confirm). Shared by "Publicera ny
 * version" and "Skriv ett nytt dokument"; the page says the words that fit it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Group, Radio } from '../components/Field.tsx';
import { ROLES, UNIT_KINDS, type Audience } from './api.ts';
import { audienceWords } from './AudienceText.tsx';

export type AudienceMode = 'none' | 'same' | 'choose';

/** The choice as the form keeps it; `audiences()` is what the server is sent. */
export function useAudienceChoice(previous: Audience[] = []) {
  const [mode, setMode] = useState<AudienceMode>('choose');
  const [kinds, setKinds] = useState<string[]>([]);
  const [roles, setRoles] = useState<string[]>([]);
  const audiences = (): Audience[] => {
    if (mode === 'none') return [];
    if (mode === 'same') return previous;
    return kinds.flatMap((unitKind) => roles.map((role) => ({ unitKind, role })));
  };
  /** Choosing needs at least one kind of unit and one role. */
  const complete = mode !== 'choose' || (kinds.length > 0 && roles.length > 0);
  return { previous, mode, setMode, kinds, setKinds, roles, setRoles, audiences, complete };
}

export type AudienceChoice = ReturnType<typeof useAudienceChoice>;

export function AudienceChooser({ choice, error, legend, hint, noneLabel, asks }: {
  choice: AudienceChoice; error?: string | undefined; legend: string; hint: string; noneLabel: string; asks: (who: string) => string;
}) {
  const { t } = useTranslation();
  const { previous, mode, setMode, kinds, setKinds, roles, setRoles } = choice;
  return (
    <Group legend={legend} hint={hint} error={error}>
      <Radio name="audience-mode" value="choose" checked={mode === 'choose'} onChange={() => setMode('choose')} label={t('library.publish.modeChoose')} />
      {previous.length > 0 && (
        <Radio name="audience-mode" value="same" checked={mode === 'same'} onChange={() => setMode('same')}
          label={t('library.publish.modeSame', { who: audienceWords(t, previous) })} />
      )}
      <Radio name="audience-mode" value="none" checked={mode === 'none'} onChange={() => setMode('none')} label={noneLabel} />
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
          <p className="hint" role="status">{kinds.length && roles.length ? asks(audienceWords(t, choice.audiences())) : t('library.publish.chooseBoth')}</p>
        </div>
      )}
    </Group>
  );
}
