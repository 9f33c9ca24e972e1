import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

/**
 * Ends the session in Samplan, then sends the browser to the identity provider to end the sign-in
 * there too (otherwise the next person at the computer would be signed straight back in).
 */
export async function signOutEverywhere(queryClient: QueryClient): Promise<void> {
  const { redirect } = await api.post<{ redirect: string }>('/sign-out');
  queryClient.clear();
  window.location.assign(redirect);
}
