/**
 * Editing something that others may edit at the same time: the edit is sent with the version it
 * started from (If-Match). When the server answers 412, nothing was overwritten: the latest
 * version is read, the fields the other person changed are listed beside the user's own edit, and
 * the user either saves their edit on top of the new version or keeps the other person's.
 */
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { changedFields, type FieldChange } from './ConflictNotice.tsx';
import { useServerErrors } from './FormErrors.tsx';

type Fields<T> = { [K in keyof T]: string };

export interface VersionedEditOptions<T extends Fields<T>> {
  labels: Record<keyof T, string>;
  /** How a field's value is shown in the conflict table. */
  show?: (k: keyof T, v: string) => string;
  /** Reads the thing again after a 412: its fields and version now. */
  latest: () => Promise<{ fields: T; version: number } | null>;
  save: (fields: T, version: number) => Promise<void>;
  onSaved: () => void;
  /** Start editing at once, from these fields and version (a form that opens already editing). */
  initial?: { fields: T; version: number };
}

export function useVersionedEdit<T extends Fields<T>>(o: VersionedEditOptions<T>) {
  const [base, setBase] = useState<{ fields: T; version: number } | null>(o.initial ?? null);
  const [draft, setDraft] = useState<T | null>(o.initial?.fields ?? null);
  const [conflict, setConflict] = useState<{ changes: FieldChange[]; latest: { fields: T; version: number } } | null>(null);
  const errors = useServerErrors();

  const attempt = async (fields: T, from: { fields: T; version: number }) => {
    errors.clear();
    try {
      await o.save(fields, from.version);
      setConflict(null);
      setBase(null);
      setDraft(null);
      o.onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) {
        const latest = await o.latest();
        if (latest) setConflict({ latest, changes: changedFields(o.labels, from.fields, latest.fields, fields, o.show) });
        else errors.setError(err);
      } else errors.setError(err);
    }
  };

  return {
    editing: draft !== null,
    draft, errors, conflict,
    set: (patch: Partial<T>) => setDraft((d) => (d ? { ...d, ...patch } : d)),
    start: (fields: T, version: number) => { setBase({ fields, version }); setDraft(fields); setConflict(null); errors.clear(); },
    stop: () => { setBase(null); setDraft(null); setConflict(null); },
    submit: () => (draft && base ? attempt(draft, base) : Promise.resolve()),
    /** Saves the user's edit again, on top of the version the other person saved. */
    reapply: () => { if (conflict && draft) { setBase(conflict.latest); void attempt(draft, conflict.latest); } },
    /** Keeps the other person's version and drops the user's edit. */
    discard: () => { setConflict(null); setBase(null); setDraft(null); o.onSaved(); },
  };
}
