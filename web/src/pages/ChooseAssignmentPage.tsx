/**
 * After sign-in, a staff member with more than one assignment (medarbetaruppdrag) chooses the
 * unit and role they act for now. What they may see follows from it, and every audit row says it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Assignment } from '../api/types.ts';
import { signOutEverywhere } from './sign-out.ts';

export function ChooseAssignmentPage({ name, assignments }: { name: string; assignments: Assignment[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState<string | null>(null);

  const choose = async (a: Assignment) => {
    try {
      await api.post('/me/assignment', { unitId: a.unitId, role: a.role });
      // Back to the start for everything, 'me' included: the app then opens for the chosen unit.
      await queryClient.resetQueries();
    } catch (e) {
      setFailed(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>{t('chooseAssignment.title')}</h1>
      <p>{t('chooseAssignment.intro', { name })}</p>
      {failed && <div className="error-summary" role="alert"><p>{failed}</p></div>}
      <ul className="demo-users">
        {assignments.map((a) => (
          <li key={`${a.unitId}|${a.role}`}>
            <button type="button" className="user-button" onClick={() => void choose(a)}>
              <strong>{a.unitName}</strong>
              <span>{t(`role.${a.role}`)} · {a.principalName}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => void signOutEverywhere(queryClient)}>{t('layout.signOut')}</button>
    </main>
  );
}
