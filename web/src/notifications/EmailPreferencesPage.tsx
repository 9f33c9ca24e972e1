/**
 * E-postinställningar: which kinds of notice also come by email (issue 6 item 5). The inbox
 * always has all of them, and the page says so, so that nobody switches email off believing
 * they switch the notice off. Saved against the version read (If-Match): two tabs or two
 * sessions cannot overwrite each other's choices unseen.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { TIME_ZONE } from '../format.ts';
import { Checkbox, Group } from '../components/Field.tsx';
import { ErrorSummary } from '../components/FormErrors.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { ConflictNotice } from '../components/ConflictNotice.tsx';
import { useVersionedEdit } from '../components/useVersionedEdit.ts';
import { KIND_GROUPS, type NotificationPreferences } from './api.ts';
import './notifications.css';

const PREFS_KEY = ['notificationPreferences'] as const;
type Choices = Record<string, string>;

const readPreferences = () => api.getVersioned<NotificationPreferences>('/notifications/preferences')
  .then((r) => ({ prefs: r.data, version: r.version ?? r.data.version }));

/** The server's kinds, grouped as KIND_GROUPS says; any kind it does not name goes last. */
function grouped(kinds: string[]): Array<{ key: string; kinds: string[] }> {
  const known = new Set(KIND_GROUPS.flatMap((g) => g.kinds));
  const groups = KIND_GROUPS.map((g) => ({ key: g.key as string, kinds: g.kinds.filter((k) => kinds.includes(k)) }));
  const other = kinds.filter((k) => !known.has(k));
  return [...groups, ...(other.length ? [{ key: 'other', kinds: other }] : [])].filter((g) => g.kinds.length > 0);
}

/** The time now in Swedish time, as each language writes it: "14.05" in Swedish, "14:05" in English. */
function clockTime(language: string): string {
  const hhmm = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date());
  return language === 'sv' ? hhmm.replace(':', '.') : hhmm;
}

export function EmailPreferencesPage() {
  const { t, i18n } = useTranslation();
  const prefs = useQuery({ queryKey: PREFS_KEY, queryFn: readPreferences });
  const [saved, setSaved] = useState('');
  // Bumped whenever the form must start again from what the server holds (after a save, or
  // after keeping someone else's choices), even when the version did not change.
  const [round, setRound] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { document.title = `${t('emailPrefs.title')} – Samplan`; }, [t]);
  useEffect(() => { heading.current?.focus(); }, []);

  return (
    <div className="email-prefs">
      <h1 ref={heading} tabIndex={-1}>{t('emailPrefs.title')}</h1>
      <p className="lead">{t('emailPrefs.lead')}</p>
      <p>{t('emailPrefs.privacy')}</p>
      <p><Link to="/inkorg">{t('emailPrefs.toInbox')}</Link></p>
      {prefs.isPending && <p role="status">{t('common.loading')}</p>}
      {prefs.error && <p role="alert">{t('errors.network')}</p>}
      <p className="saved-state" role="status">{saved}</p>
      {prefs.data && (
        <PreferencesForm key={`${prefs.data.version}-${round}`} prefs={prefs.data.prefs} version={prefs.data.version} onEdit={() => setSaved('')}
          onDone={(didSave) => {
            setSaved(didSave ? t('emailPrefs.saved', { at: clockTime(i18n.language) }) : '');
            setRound((r) => r + 1);
            void prefs.refetch();
          }} />
      )}
    </div>
  );
}

function PreferencesForm({ prefs, version, onEdit, onDone }: { prefs: NotificationPreferences; version: number; onEdit: () => void; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const kinds = Object.keys(prefs.email);
  const asFields = (email: Record<string, boolean>): Choices => Object.fromEntries(kinds.map((k) => [k, email[k] ? 'yes' : '']));
  const initial = { fields: asFields(prefs.email), version };
  // The choices as the server last gave them. The PUT replaces every choice, so the kinds the user
  // did not touch are sent as the server has them: saving again after a 412 keeps the other person's.
  const server = useRef(initial.fields);
  const didSave = useRef(false);
  const labels = Object.fromEntries(kinds.map((k) => [k, t(`inbox.kind.${k}`, { defaultValue: k })]));
  const edit = useVersionedEdit<Choices>({
    labels, initial,
    show: (_k, v) => (v ? t('emailPrefs.byEmail') : t('emailPrefs.inboxOnly')),
    latest: async () => {
      const r = await readPreferences();
      server.current = asFields(r.prefs.email);
      return { fields: server.current, version: r.version };
    },
    save: async (changed, v) => {
      const email = Object.fromEntries(kinds.map((k) => [k, (changed[k] ?? server.current[k]) === 'yes']));
      const res = await api.put<NotificationPreferences>('/notifications/preferences', { email }, v);
      didSave.current = true;
      queryClient.setQueryData(PREFS_KEY, { prefs: res, version: res.version });
    },
    onSaved: () => onDone(didSave.current),
  });
  const f = edit.draft ?? initial.fields;

  return (
    <form onSubmit={(e) => { e.preventDefault(); void edit.submit(); }} aria-labelledby="email-choices">
      <h2 id="email-choices">{t('emailPrefs.choose')}</h2>
      <ErrorSummary error={edit.errors.error} />
      {edit.conflict && <ConflictNotice changes={edit.conflict.changes} onReapply={edit.reapply} onDiscard={edit.discard} />}
      {grouped(kinds).map((g) => (
        <Group key={g.key} legend={t(`emailPrefs.group.${g.key}`)}>
          <ul className="pref-list">
            {g.kinds.map((k) => (
              <li key={k}>
                <Checkbox name={`email-${k}`} label={labels[k]} hint={t(`emailPrefs.hint.${k}`, { defaultValue: '' }) || undefined}
                  checked={f[k] === 'yes'} onChange={(on) => { edit.set({ [k]: on ? 'yes' : '' }); onEdit(); }} />
              </li>
            ))}
          </ul>
        </Group>
      ))}
      <FormActions save={t('emailPrefs.save')} cancel={t('emailPrefs.reset')} onCancel={() => edit.start(initial.fields, version)} />
    </form>
  );
}
