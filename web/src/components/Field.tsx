/**
 * Form fields that are accessible by construction (WCAG 2.1 AA): a visible label, the hint and the
 * error tied to the field with aria-describedby, aria-invalid when the server named the field.
 */
import { useId, type ReactNode } from 'react';

interface Common { label: string; error?: string | undefined; hint?: string | undefined; required?: boolean; name: string }

function Described({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextField(p: Common & { value: string; onChange: (v: string) => void; type?: string; autoComplete?: string; inputMode?: 'numeric' | 'text'; maxLength?: number }) {
  const id = `f-${p.name}-${useId().replace(/:/g, '')}`;
  return (
    <div className={`field${p.error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{p.label}{p.required && <span aria-hidden="true"> *</span>}</label>
      <Described id={id} hint={p.hint} error={p.error} />
      <input id={id} name={p.name} type={p.type ?? 'text'} value={p.value} onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.error ? true : undefined} aria-describedby={describedBy(id, p.hint, p.error)} required={p.required}
        autoComplete={p.autoComplete ?? 'off'} inputMode={p.inputMode} maxLength={p.maxLength} />
    </div>
  );
}

export function TextArea(p: Common & { value: string; onChange: (v: string) => void; rows?: number }) {
  const id = `f-${p.name}-${useId().replace(/:/g, '')}`;
  return (
    <div className={`field${p.error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{p.label}{p.required && <span aria-hidden="true"> *</span>}</label>
      <Described id={id} hint={p.hint} error={p.error} />
      <textarea id={id} name={p.name} value={p.value} rows={p.rows ?? 3} onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.error ? true : undefined} aria-describedby={describedBy(id, p.hint, p.error)} required={p.required} />
    </div>
  );
}

export function SelectField(p: Common & { value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }>; placeholder?: string }) {
  const id = `f-${p.name}-${useId().replace(/:/g, '')}`;
  return (
    <div className={`field${p.error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{p.label}{p.required && <span aria-hidden="true"> *</span>}</label>
      <Described id={id} hint={p.hint} error={p.error} />
      <select id={id} name={p.name} value={p.value} onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.error ? true : undefined} aria-describedby={describedBy(id, p.hint, p.error)} required={p.required}>
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function Checkbox(p: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; name: string; hint?: string; disabled?: boolean }) {
  const id = `f-${p.name}-${useId().replace(/:/g, '')}`;
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" name={p.name} checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} aria-describedby={p.hint ? `${id}-hint` : undefined}
        disabled={p.disabled} />
      <label htmlFor={id}>{p.label}</label>
      {p.hint && <p className="hint" id={`${id}-hint`}>{p.hint}</p>}
    </div>
  );
}

/** A group of checkboxes or radios with a legend (a real fieldset, so that screen readers say what the group is). */
export function Group(p: { legend: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  const id = `g-${useId().replace(/:/g, '')}`;
  return (
    <fieldset className={`group${p.error ? ' has-error' : ''}`} aria-describedby={describedBy(id, p.hint, p.error)}>
      <legend>{p.legend}</legend>
      <Described id={id} hint={p.hint} error={p.error} />
      {p.children}
    </fieldset>
  );
}

export function Radio(p: { name: string; value: string; checked: boolean; onChange: (v: string) => void; label: string }) {
  const id = `r-${p.name}-${p.value}-${useId().replace(/:/g, '')}`;
  return (
    <div className="checkbox">
      <input id={id} type="radio" name={p.name} value={p.value} checked={p.checked} onChange={() => p.onChange(p.value)} />
      <label htmlFor={id}>{p.label}</label>
    </div>
  );
}
