/**
 * The governing documents as the server gives them (docs/decisions/0009: GET/POST /api/documents…),
 * and the queries the library, the training page, the header badge and the context help share.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Principal } from '../api/types.ts';

export const DOCUMENT_KINDS = ['framework_agreement', 'local_agreement', 'guideline', 'routine'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const PROCESS_STEPS = ['initiative', 'consent', 'invitation', 'mapping', 'meeting', 'activity_follow_up', 'evaluation', 'follow_up', 'closure'] as const;
export type ProcessStep = (typeof PROCESS_STEPS)[number];

/** The kinds of unit a version may ask to read it (migration 017, document_version_audiences.unit_kind). */
export const UNIT_KINDS = ['school', 'pupil_health', 'preschool', 'social_services_children', 'child_psychiatry', 'primary_care',
  'habilitation', 'somatic_care', 'care_lss', 'culture_leisure', 'other'] as const;
export const ROLES = ['staff', 'manager', 'principal_admin', 'analyst'] as const;

export interface Audience { unitKind: string | null; role: string | null }
export interface Section { anchor: string; level: number; heading: string; body: string; processStep: string | null }
export interface Mine { required: boolean; acknowledgedVersionNo: number | null; upToDate: boolean }
export interface Signatory { id: string; name: string }

export interface Version {
  versionNo: number; effectiveFrom: string; effectiveUntil: string | null; changeSummary: string;
  audiences: Audience[]; sections: Section[];
}

export interface DocumentSummary {
  id: string; kind: DocumentKind; title: string; inductionOrder: number | null; signatories: Signatory[];
  localAgreement: { id: string; name: string } | null;
  current: { versionNo: number; effectiveFrom: string; changeSummary: string } | null;
  mine: Mine;
}

export interface VersionEntry {
  versionNo: number; effectiveFrom: string; effectiveUntil: string | null; changeSummary: string;
  publishedAt: string; publishedBy: string | null; inForce: boolean;
}

export interface DocumentDetail {
  id: string; kind: DocumentKind; title: string; inductionOrder: number | null; signatories: Signatory[];
  localAgreement: { id: string; name: string; steeringGroup: Array<{ name: string; title?: string | null; principalName: string | null }> } | null;
  current: Version | null; versions: VersionEntry[]; mine: Mine; canPublish: boolean;
  /** Parties named that have not signed: not bound yet. */
  awaitingSignature: Array<{ id: string; name: string }>;
  /** The signed-in admin's principal is one of them. */
  canSign: boolean;
}

export interface SearchHit { documentId: string; title: string; kind: DocumentKind; versionNo: number; anchor: string; heading: string; snippet: string }

/** GET /local-agreements: a local agreement and the principals that signed it. */
export interface LocalAgreement { id: string; name: string; principalIds: string[] }

export interface HelpText { documentId: string; title: string; versionNo: number; anchor: string; heading: string; body: string }

/** Everything under this key is about documents and who has read them: invalidated together after a confirmation or a new version. */
export const LIBRARY_KEY = ['library'] as const;
export const TRAINING_KEY = ['training'] as const;

export function useDocuments() {
  return useQuery({ queryKey: [...LIBRARY_KEY, 'list'], queryFn: () => api.get<DocumentSummary[]>('/documents') });
}

export function useDocument(id: string) {
  return useQuery({ queryKey: [...LIBRARY_KEY, 'document', id], queryFn: () => api.get<DocumentDetail>(`/documents/${id}`), retry: false });
}

/** The county's local agreements, for the admin writing an agreement's text. */
export function useLocalAgreements() {
  return useQuery({ queryKey: [...LIBRARY_KEY, 'local-agreements'], queryFn: () => api.get<LocalAgreement[]>('/local-agreements'), staleTime: 300_000 });
}

/** The county's principals (the same list, and cache, as the plan page's). */
export function usePrincipals() {
  return useQuery({ queryKey: ['principals'], queryFn: () => api.get<Principal[]>('/principals'), staleTime: 300_000 });
}

/** One version's whole text; a published version never changes, so it is read once. */
export function useVersion(id: string, versionNo: number | null) {
  return useQuery({
    queryKey: [...LIBRARY_KEY, 'version', id, versionNo], enabled: versionNo !== null, staleTime: Infinity, retry: false,
    queryFn: () => api.get<Version>(`/documents/${id}/versions/${versionNo}`),
  });
}

export function useSearch(q: string) {
  return useQuery({
    queryKey: [...LIBRARY_KEY, 'search', q], enabled: q.trim().length >= 2, staleTime: 60_000,
    queryFn: () => api.get<SearchHit[]>(`/documents/search?q=${encodeURIComponent(q.trim())}`),
  });
}

/** Reading a routine changes what the header badge, the library and the managers' shares show. */
export async function afterReadingChanged(queryClient: QueryClient): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: LIBRARY_KEY }), queryClient.invalidateQueries({ queryKey: TRAINING_KEY })]);
}

/** The admin signs for their principal: from then on the document binds its units. */
export async function sign(queryClient: QueryClient, documentId: string): Promise<void> {
  await api.post(`/documents/${documentId}/signature`, {});
  await afterReadingChanged(queryClient);
}

export async function acknowledge(queryClient: QueryClient, documentId: string, versionNo: number): Promise<void> {
  await api.post(`/documents/${documentId}/acknowledgements`, { versionNo });
  await afterReadingChanged(queryClient);
}

/**
 * An anchor from a heading, as the server accepts it (^[a-z0-9]+(-[a-z0-9]+)*$): "Skolans rätt att
 * kalla" → "skolans-ratt-att-kalla"; å and ä become a, ö becomes o.
 */
export function anchorFrom(heading: string): string {
  return heading.toLowerCase()
    .replace(/[åä]/g, 'a').replace(/ö/g, 'o')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    .slice(0, 80).replace(/-+$/, '');
}

/** The latest version number (the one a new version is published on top of: If-Match). */
export function latestVersionNo(d: DocumentDetail): number {
  return d.versions.reduce((n, v) => Math.max(n, v.versionNo), 0);
}
