/**
 * Put the server's field problems onto an Ant Design form, so a 400 shows under each input in the
 * server's own Chinese words; whatever does not belong to a field of the form is returned to be shown
 * as a message.
 */
import type { FormInstance } from 'antd';
import type { FieldError } from '@xs/core/errors.ts';
import { isApiError } from './api.ts';

/** `committeeIds.2` → `committeeIds`: the forms here edit whole values, not array elements. */
function fieldNameOf(path: string): string {
  return path.split('.')[0] ?? path;
}

export interface SplitFieldErrors {
  byField: Map<string, string[]>;
  other: FieldError[];
}

/** Group field errors by the form field they belong to; `known` are the form's field names. */
export function splitFieldErrors(fields: readonly FieldError[], known: ReadonlySet<string>): SplitFieldErrors {
  const byField = new Map<string, string[]>();
  const other: FieldError[] = [];
  for (const f of fields) {
    const name = fieldNameOf(f.path);
    if (!known.has(name)) {
      other.push(f);
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), f.message]);
  }
  return { byField, other };
}

interface Notifier {
  error: (content: string) => unknown;
}

/**
 * Show an error from a form submission: field problems under their inputs, the rest through
 * `notify`. Returns true when at least one problem landed on a field.
 */
export function applyServerErrors<V>(form: FormInstance<V>, err: unknown, notify: Notifier): boolean {
  if (!isApiError(err)) {
    notify.error('操作失败，请稍后再试');
    return false;
  }
  if (err.status === 401) return false; // the session handler is already taking the user to the login page
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  for (const name of Object.keys(form.getFieldsValue() as object)) known.add(name);
  const { byField, other } = splitFieldErrors(err.fields, known);
  if (byField.size > 0) {
    // Field names here are plain top-level keys; the generic form type cannot know them statically.
    const plain = form as unknown as FormInstance<Record<string, unknown>>;
    plain.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  }
  const rest = other.map((f) => (f.path ? `${f.path}：${f.message}` : f.message));
  notify.error(rest.length ? `${err.message}：${rest.join('；')}` : err.message);
  return byField.size > 0;
}
