import { useTranslation } from 'react-i18next';
import type { Mine } from './api.ts';

/**
 * Whether I have read a document: "Läst", "Behöver läsas", or "Ny version – läs igen" when I read
 * an earlier version that a newer one asks me to read again. Said in words, never by colour alone.
 */
export function readState(mine: Pick<Mine, 'required' | 'upToDate' | 'acknowledgedVersionNo'>): 'read' | 'toRead' | 'reread' | 'optional' {
  if (mine.upToDate && mine.acknowledgedVersionNo !== null) return 'read';
  if (!mine.required) return 'optional';
  if (mine.upToDate) return 'read';
  return mine.acknowledgedVersionNo !== null ? 'reread' : 'toRead';
}

export function ReadStatus({ mine }: { mine: Pick<Mine, 'required' | 'upToDate' | 'acknowledgedVersionNo'> }) {
  const { t } = useTranslation();
  const state = readState(mine);
  if (state === 'optional') return null;
  return <p className="read-status"><span className={`tag read-${state}`}>{state === 'read' ? '✓ ' : ''}{t(`library.read.${state}`)}</span></p>;
}
