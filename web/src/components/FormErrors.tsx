/**
 * What the server refused, said once at the top of the form (focused, so that keyboard and
 * screen-reader users hear it) and again beside each field it names.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

/**
 * `label` names a field of this form where the shared words (fields.*) would say something else
 * ("/title": the document's title, not a job title); undefined leaves it to them.
 */
export function ErrorSummary({ error, label }: { error: unknown; label?: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  useEffect(() => { if (error) ref.current?.focus(); }, [error]);
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h3>{apiError?.status === 412 ? t('errors.conflictTitle') : t('errors.title')}</h3>
      <p>{apiError ? apiError.message : t('errors.network')}</p>
      {apiError && apiError.problems.length > 0 && (
        <ul>{apiError.problems.map((p, i) => <li key={i}>{label?.(p.field) ?? fieldLabel(t, p.field, p.code)}: {p.message}</li>)}</ul>
      )}
      {/* Someone else saved first: nothing of theirs is lost; read what they did and do the step again. */}
      {apiError?.status === 412 && <button type="button" className="button" onClick={() => void queryClient.invalidateQueries()}>{t('errors.reload')}</button>}
    </div>
  );
}

/** The field the server named, in words: "/purpose" → "Syfte"; requirement codes → their checklist text. */
function fieldLabel(t: (k: string) => string, field: string, code: string): string {
  const key = field.replace(/^\//, '').split('/')[0] || code;
  const known = t(`fields.${key}`);
  return known.startsWith('fields.') ? key : known;
}

/** Form state for one server call: the error it gave, and the message for each field. */
export function useServerErrors() {
  const [error, setError] = useState<unknown>(null);
  const of = (field: string) => (error instanceof ApiError ? error.forField(`/${field}`)?.message : undefined);
  /** Only a problem named for exactly this field (not for one inside it), e.g. "/givers" but not "/givers/0/refusalReason". */
  const exact = (field: string) => (error instanceof ApiError ? error.problems.find((p) => p.field === `/${field}`)?.message : undefined);
  /** Runs one call to the server: forgets the last refusal, and keeps the new one if the call is refused. True when it went through. */
  const run = async (call: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await call();
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
  /** `run` as a form's onSubmit. */
  const submit = (call: () => Promise<unknown>) => (e: FormEvent) => { e.preventDefault(); void run(call); };
  return { error, setError, of, exact, run, submit, clear: () => setError(null) };
}
