/** Vem gör vad and the responsibility guide, as the server answers them (decision 0009). */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export interface UnitProfile {
  unitId: string; unitName: string; unitKind: string; principalName: string; municipalityCode: string | null;
  mandate: string; offers: string[]; laws: string[]; whoMayInitiate: string;
  phone: string | null; email: string | null; address: string | null; hours: string | null;
  /** 0 before the unit has written anything. */
  version: number; canEdit: boolean;
}

export interface Responsibility {
  id: string; need: string; keywords: string; lifeArea: string | null; principalKind: 'region' | 'municipality'; unitKind: string | null;
  responsibility: string; source: { documentId: string; title: string; anchor: string | null; heading: string | null }; version: number; canEdit: boolean;
}

export const DIRECTORY_KEY = ['directory'] as const;

const query = (params: Record<string, string>) => {
  const s = new URLSearchParams(Object.entries(params).filter(([, v]) => v.trim() !== '')).toString();
  return s ? `?${s}` : '';
};

export function useProfiles(q: string, kind: string) {
  return useQuery({ queryKey: [...DIRECTORY_KEY, 'profiles', q, kind], queryFn: () => api.get<UnitProfile[]>(`/directory/profiles${query({ q, kind })}`), placeholderData: (prev) => prev });
}

/** One unit's entry; organisational data that changes seldom, so it is kept for a while. */
export function useUnitProfile(unitId: string | null | undefined) {
  return useQuery({
    queryKey: [...DIRECTORY_KEY, 'unit', unitId], enabled: !!unitId, staleTime: 300_000,
    queryFn: () => api.get<UnitProfile>(`/directory/units/${unitId}/profile`),
  });
}

export function useResponsibilities(q: string, lifeArea = '', enabled = true) {
  return useQuery({
    queryKey: [...DIRECTORY_KEY, 'responsibilities', q, lifeArea], enabled, staleTime: 60_000, placeholderData: (prev) => prev,
    queryFn: () => api.get<Responsibility[]>(`/responsibilities${query({ q, lifeArea })}`),
  });
}

/** The value once it has stood still for `ms`: a search is sent when the typing pauses, not per key. */
export function useDebounced<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Where a source paragraph is read: the library's page of the document, at the section. */
export const sourceHref = (s: Responsibility['source']) => `/bibliotek/${s.documentId}${s.anchor ? `#${s.anchor}` : ''}`;

/** The deviation form, filled in with the disagreement about who is responsible. */
export const disagreementHref = (title: string, text: string, planId?: string) =>
  `/avvikelser/ny?${new URLSearchParams({ ...(planId ? { plan: planId } : {}), title, text }).toString()}`;
