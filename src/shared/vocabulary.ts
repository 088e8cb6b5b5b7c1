/**
 * Closed vocabularies (order states, severities, kinds …) are `as const` arrays in their owning
 * module and typed columns in its tables. A value from outside (a CSV cell, a webhook field, a
 * database column of a looser table) becomes one of them only by this check, never by a cast.
 */
export function isOneOf<T extends string>(vocabulary: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (vocabulary as readonly string[]).includes(value);
}
