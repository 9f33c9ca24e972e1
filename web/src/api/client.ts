/**
 * The one way the web app talks to the server: JSON over fetch, errors as the server's
 * problem+json (RFC 9457) with each field named, and the version of what was read (ETag) sent
 * back as If-Match on every edit, so that nobody overwrites someone else's change unseen.
 */
export interface FieldProblem { field: string; code: string; message: string }

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: FieldProblem[];
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.detail ?? body.title ?? `HTTP ${status}`));
    this.status = status;
    this.code = String(body.code ?? 'error');
    this.problems = Array.isArray(body.problems) ? (body.problems as FieldProblem[]) : [];
    this.body = body;
  }
  /** Someone else saved first (412): the edit was not made. */
  get isConflict(): boolean { return this.status === 412; }
  /** The problem for one field, matched by its JSON pointer (e.g. "/reason"). */
  forField(field: string): FieldProblem | undefined {
    return this.problems.find((p) => p.field === field || p.field.startsWith(`${field}/`));
  }
}

export interface Versioned<T> { data: T; version: number | null }

function versionOf(res: Response): number | null {
  const m = /"(\d+)"/.exec(res.headers.get('etag') ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * The session's CSRF token, which the server put in a cookie that only pages of Samplan's own
 * origin can read; sending it back in a header proves the request comes from such a page.
 */
function csrfToken(): string | null {
  const m = /(?:^|;\s*)samplan_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : null;
}

async function request<T>(method: string, path: string, body?: unknown, version?: number | null): Promise<Versioned<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = method === 'GET' ? null : csrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (version !== undefined && version !== null) headers['if-match'] = `"${version}"`;
  const res = await fetch(`/api${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (res.status === 204) return { data: undefined as T, version: versionOf(res) };
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, json ?? {});
  return { data: json as T, version: versionOf(res) };
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path).then((r) => r.data),
  getVersioned: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}, version?: number | null) => request<T>('POST', path, body, version).then((r) => r.data),
  patch: <T>(path: string, body: unknown, version: number | null) => request<T>('PATCH', path, body, version).then((r) => r.data),
  put: <T>(path: string, body: unknown, version: number | null) => request<T>('PUT', path, body, version).then((r) => r.data),
  delete: (path: string) => request<void>('DELETE', path).then(() => undefined),
};
