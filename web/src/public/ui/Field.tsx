import type { ReactNode } from 'react';

interface Props {
  /** The id of the control inside, for the <label>. */
  htmlFor: string;
  label: string;
  required?: boolean;
  optional?: boolean;
  hint?: string;
  error?: string;
  /** The body key this field maps to (server field errors and scrolling to the first error). */
  name: string;
  children: ReactNode;
}

/** A labelled form field with its hint and its error right under it. */
export function Field({ htmlFor, label, required, optional, hint, error, name, children }: Props) {
  return (
    <div className={`xs-field${error ? ' has-error' : ''}`} data-field={name}>
      <label className="xs-label" htmlFor={htmlFor}>
        {label}
        {required && <span className="xs-required">（必填）</span>}
        {optional && <span className="xs-optional">（可不填）</span>}
      </label>
      {hint && <p className="xs-hint" id={`${htmlFor}-hint`}>{hint}</p>}
      <div className="xs-control">{children}</div>
      {error && <p className="xs-error" id={`${htmlFor}-err`} role="alert">{error}</p>}
    </div>
  );
}

/** aria-describedby for a control inside a Field. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
}

/** Scroll to and focus the first field that shows an error. */
export function focusFirstError(): void {
  window.requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('.has-error');
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
  });
}
