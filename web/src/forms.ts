/** Puts the server's field problems next to the form fields they name. */
import type { FormInstance } from 'antd';
import { ApiError } from './api.ts';

/** "contacts.0.name" → ['contacts', 0, 'name'], the antd name path. */
function namePath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Shows each `error.details[]` entry under its field when the form has that field; returns the
 * messages that belong to no field (and the error's own message) for a banner above the form.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fields: readonly string[]): string[] {
  if (!(err instanceof ApiError)) return [err instanceof Error ? err.message : String(err)];
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const d of err.details) {
    const top = d.field.split('.')[0] ?? d.field;
    const key = known.has(d.field) ? d.field : known.has(top) ? top : null;
    if (key === null) {
      other.push(d.field && !d.field.startsWith('(') ? `${d.field}: ${d.message}` : d.message);
      continue;
    }
    byField.set(key, [...(byField.get(key) ?? []), d.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: namePath(name), errors })));
  return [err.message, ...other];
}
