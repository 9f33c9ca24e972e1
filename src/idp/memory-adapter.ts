/**
 * Storage for the bundled identity provider: in memory, one store per IdP instance.
 *
 * Deliberately in memory: this is the demo IdP for laptops and tests. Its sessions, codes and
 * tokens vanish on restart (a restart signs everyone out of the IdP, which is what a demo wants)
 * and cannot be shared between processes. A real deployment signs in through the region's own
 * SITHS / BankID identity provider, never through this one.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** ms since the epoch; Infinity when oidc-provider gave no lifetime. */
  expiresAt: number;
}

/** Token models whose entries belong to a grant and are revoked with it. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** How many writes between sweeps of expired entries. */
const SWEEP_EVERY = 200;

/**
 * A factory for oidc-provider's `adapter` option: `adapter: createMemoryAdapter()`.
 * `clockToleranceSeconds` keeps an entry a little beyond its expiry, as oidc-provider's own checks
 * tolerate clock skew.
 */
export function createMemoryAdapter(clockToleranceSeconds = 15): (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  // Secondary indexes: value -> the entry's key ('Model:id').
  const sessionByUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const grantMembers = new Map<string, Set<string>>();
  let writes = 0;

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  // Callers get copies, so that changing a loaded model changes nothing until it is saved.
  const copy = (entry: Entry | undefined) => (entry ? structuredClone(entry.payload) : undefined);

  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const index of [sessionByUid, byUserCode]) for (const [value, key] of index) if (!entries.has(key)) index.delete(value);
    for (const [grantId, keys] of grantMembers) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) grantMembers.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyFor(id);
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + (expiresIn + clockToleranceSeconds) * 1000 : Infinity;
        entries.set(key, { payload: structuredClone(payload), expiresAt });
        if (model === 'Session' && typeof payload.uid === 'string') sessionByUid.set(payload.uid, key);
        if (typeof payload.userCode === 'string') byUserCode.set(payload.userCode, key);
        if (GRANTABLE.has(model) && typeof payload.grantId === 'string') {
          const members = grantMembers.get(payload.grantId) ?? new Set<string>();
          members.add(key);
          grantMembers.set(payload.grantId, members);
        }
        if (++writes % SWEEP_EVERY === 0) sweep();
      },
      async find(id) {
        return copy(live(keyFor(id)));
      },
      async findByUid(uid) {
        const key = sessionByUid.get(uid);
        return key === undefined ? undefined : copy(live(key));
      },
      async findByUserCode(userCode) {
        const key = byUserCode.get(userCode);
        return key === undefined ? undefined : copy(live(key));
      },
      async consume(id) {
        const entry = live(keyFor(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        const key = keyFor(id);
        const entry = entries.get(key);
        entries.delete(key);
        if (entry && model === 'Session' && typeof entry.payload.uid === 'string') sessionByUid.delete(entry.payload.uid);
      },
      async revokeByGrantId(grantId) {
        for (const key of grantMembers.get(grantId) ?? []) entries.delete(key);
        grantMembers.delete(grantId);
      },
    };
  };
}
