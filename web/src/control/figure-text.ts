import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_FIGURES } from '../../../src/domain/key-figures.ts';

/** A figure's name and definition in the reader's language (the domain holds both). */
export function useFigureText() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return useMemo(() => {
    const byId = new Map(KEY_FIGURES.map((f) => [f.id, f]));
    return {
      name: (id: string) => byId.get(id)?.name[lang] ?? id,
      definition: (id: string) => byId.get(id)?.definition[lang] ?? '',
      period: (label: string) => (lang === 'en' ? label.replace(' K', ' Q') : label),
    };
  }, [lang]);
}
