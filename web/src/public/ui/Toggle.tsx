import { useId } from 'react';

interface Props {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** A line under the label saying what the switch does. */
  hint?: string;
  className?: string;
}

/**
 * A switch built on a native checkbox (role="switch"): focusable, works with the keyboard and screen
 * readers, and says 开/关 in words so colour is never the only cue. (antd-mobile's Switch is a div that
 * cannot take keyboard focus.)
 */
export function Toggle({ label, checked, onChange, hint, className }: Props) {
  const id = useId();
  return (
    <label className={`xs-toggle${checked ? ' is-on' : ''}${className ? ` ${className}` : ''}`} htmlFor={id}>
      <span className="xs-toggle-text">
        <span className="xs-toggle-label">{label}</span>
        {hint && <span className="xs-toggle-hint">{hint}</span>}
      </span>
      {/* biome-ignore lint/a11y/useAriaPropsForRole: a native checkbox exposes its checked state; ARIA in HTML says not to add aria-checked */}
      <input id={id} type="checkbox" role="switch" className="xs-overlay-input" checked={checked}
        onChange={(e) => onChange(e.target.checked)} />
      <span className="xs-toggle-track" aria-hidden="true">
        <span className="xs-toggle-knob" />
      </span>
      <span className="xs-toggle-state" aria-hidden="true">{checked ? '开' : '关'}</span>
    </label>
  );
}
