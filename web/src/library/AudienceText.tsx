import { useTranslation } from 'react-i18next';
import type { Audience } from './api.ts';

/**
 * Whom a version asks to read it, in words: "Skola (medarbetare, chef) · Elevhälsa (alla roller)";
 * no audience is an editorial change that asks nobody again.
 */
export function audienceWords(t: (k: string, o?: Record<string, unknown>) => string, audiences: Audience[]): string {
  if (audiences.length === 0) return t('library.audience.none');
  const byKind = new Map<string | null, Array<string | null>>();
  for (const a of audiences) byKind.set(a.unitKind, [...(byKind.get(a.unitKind) ?? []), a.role]);
  return [...byKind].map(([kind, roles]) => {
    const who = kind === null ? t('library.audience.allUnits') : t(`admin.kind.${kind}`);
    const what = roles.includes(null) ? t('library.audience.allRoles') : roles.map((r) => t(`role.${r}`)).join(', ');
    return `${who} (${what})`;
  }).join(' · ');
}

export function AudienceText({ audiences }: { audiences: Audience[] }) {
  const { t } = useTranslation();
  return <>{audienceWords(t, audiences)}</>;
}
