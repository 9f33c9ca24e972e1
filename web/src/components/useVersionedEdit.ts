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
  /** Sends only `changed`: the fields the user actually changed, so that re-applying after a 412 never undoes someone else's edit of another field. */
  save: (changed: Partial<T>, version: number, all: T) => Promise<void>;
  onSaved: () => void;
  /** Start editing at once, from these fields and version (a form that opens already editing). */
  initial?: { fields: T; version: number };
}

export function useVersionedEdit<T extends Fields<T>>(o: VersionedEditOptions<T>) {
  const [base, setBase] = useState<{ fields: T; version: number } | null>(o.initial ?? null);
  const [draft, setDraft] = useState<T | null>(o.initial?.fields ?? null);
  /** The fields as they were when the user began: what "changed" is measured against, also after a re-read. */
  const [started, setStarted] = useState<T | null>(o.initial?.fields ?? null);
  const [conflict, setConflict] = useState<{ changes: FieldChange[]; latest: { fields: T; version: number } } | null>(null);
  const errors = useServerErrors();

  /** The fields the user changed since editing started. */
  const changedSince = (fields: T, started: T): Partial<T> =>
    Object.fromEntries((Object.keys(fields) as Array<keyof T>).filter((k) => fields[k] !== started[k]).map((k) => [k, fields[k]])) as Partial<T>;

  const attempt = async (fields: T, from: { fields: T; version: number }, started: T) => {
    errors.clear();
    const changed = changedSince(fields, started);
    if (Object.keys(changed).length === 0) { setConflict(null); setBase(null); setDraft(null); o.onSaved(); return; }
    try {
      await o.save(changed, from.version, fields);
      setConflict(null);
      setBase(null);
      setDraft(null);
      o.onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) {
        const latest = await o.latest();
        // Only what the user changed is theirs; the table shows where the other person's edit meets it or moved on.
        if (latest) setConflict({ latest, changes: changedFields(o.labels, from.fields, latest.fields, fields, o.show, new Set(Object.keys(changed) as Array<keyof T>)) });
        else errors.setError(err);
      } else errors.setError(err);
    }
  };

  return {
    editing: draft !== null,
    draft, errors, conflict,
    set: (patch: Partial<T>) => setDraft((d) => (d ? { ...d, ...patch } : d)),
    start: (fields: T, version: number) => { setBase({ fields, version }); setStarted(fields); setDraft(fields); setConflict(null); errors.clear(); },
    stop: () => { setBase(null); setDraft(null); setConflict(null); },
    submit: () => (draft && base ? attempt(draft, base, started ?? base.fields) : Promise.resolve()),
    /** Saves the user's edit again, on top of the version the other person saved. */
    reapply: () => { if (conflict && draft && started) { setBase(conflict.latest); void attempt(draft, conflict.latest, started); } },
    /** Keeps the other person's version and drops the user's edit. */
    discard: () => { setConflict(null); setBase(null); setDraft(null); o.onSaved(); },
  };
}
