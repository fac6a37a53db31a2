// Field history: which fields of a CRM record changed, as the strings stored in field_history.
// Pure; lib/data writes the rows in the same transaction as the change.

export type FieldValue = string | number | boolean | Date | null | undefined;

export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

export function fieldText(v: FieldValue): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** One change per listed field whose stored text differs (empty string and null are the same). */
export function diffFields<T extends Record<string, FieldValue>>(before: T | null, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const oldValue = before ? fieldText(before[field]) : null;
    const newValue = fieldText(after[field]);
    if (oldValue !== newValue) changes.push({ field, oldValue, newValue });
  }
  return changes;
}
