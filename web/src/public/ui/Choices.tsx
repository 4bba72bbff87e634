import { useId } from 'react';

export interface Choice<V extends string | number> {
  value: V;
  label: string;
}

interface Props<V extends string | number> {
  legend: string;
  options: Choice<V>[];
  value: V | null;
  onChange: (value: V) => void;
  required?: boolean;
  error?: string;
  hint?: string;
  /** Buttons per row at normal size (長辈模式 always uses two). */
  columns?: 2 | 3 | 4;
  name?: string;
}

/**
 * A group of large option chips, one choice, built on native radio buttons in a fieldset: no pop-up
 * picker to hunt through, keyboard and screen-reader friendly, and the chosen one is marked with ✓ and
 * a border as well as colour.
 */
export function Choices<V extends string | number>({ legend, options, value, onChange, required, error, hint, columns = 3, name }: Props<V>) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`xs-field xs-choices cols-${columns}${error ? ' has-error' : ''}`} data-field={name}
      aria-describedby={describedBy}>
      <legend className="xs-label">
        {legend}{required && <span className="xs-required">（必填）</span>}
      </legend>
      {hint && <p className="xs-hint" id={hintId}>{hint}</p>}
      <div className="xs-choices-grid">
        {options.map((o) => {
          const checked = o.value === value;
          return (
            <label key={String(o.value)} className={`xs-chip${checked ? ' is-checked' : ''}`}>
              <input type="radio" className="xs-overlay-input" name={name ?? id} value={String(o.value)} checked={checked}
                onChange={() => onChange(o.value)} />
              <span className="xs-chip-mark" aria-hidden="true">{checked ? '✓' : ''}</span>
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
      {error && <p className="xs-error" id={errId} role="alert">{error}</p>}
    </fieldset>
  );
}
