/**
 * A browser without a browser, for tests of the sign-in: plain fetch with a cookie jar and
 * hand-followed redirects, enough to go through the bundled identity provider's pages.
 */

/** A browser's cookies for the IdP (one origin, so paths are ignored: sending more is harmless). */
export class Browser {
  cookies = new Map<string, string>();
  /** Every URL this browser was sent to. */
  visited: string[] = [];

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    this.visited.push(String(url));
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: init.method ?? 'GET', headers, redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects within the IdP; stops at the first answer that is not a redirect or leaves the IdP. */
  async follow(url: string | URL, issuer: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ res: Response; url: string }> {
    let res = await this.request(url, init);
    let current = String(url);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      current = new URL(res.headers.get('location')!, current).href;
      if (!current.startsWith(issuer)) break;
      res = await this.request(current);
    }
    return { res, url: current };
  }
}

/** The `action` of the sign-in form (the one whose buttons are people). */
export function signInAction(html: string): string {
  const m = /<form method="post" action="([^"]+\/login)">/.exec(html);
  if (!m) throw new Error('no sign-in form on the page');
  return m[1]!;
}

