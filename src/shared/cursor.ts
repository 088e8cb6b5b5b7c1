import { z } from 'zod';

/**
 * Keyset (cursor) pagination: a page ends at a (sort key, id) pair and the next page starts
 * strictly after it, so reading page 1,000 costs what page 1 costs — an offset would make the
 * database walk and throw away every row before it. The cursor is opaque to clients.
 */
export interface Cursor {
  /** The sort key of the last row of the page (an ISO timestamp for the lists that use it). */
  key: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.key}\n${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): Cursor | null {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const [key, id, ...rest] = text.split('\n');
  if (!key || !id || rest.length > 0 || key.length > 40 || id.length > 40) return null;
  return { key, id };
}

/** The `cursor` query parameter: a value handed out as `nextCursor` by the same list. */
export const zCursor = z
  .string()
  .max(200)
  .transform((raw, ctx) => {
    const c = decodeCursor(raw);
    if (!c) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor this list handed out' });
      return z.NEVER;
    }
    return c;
  });

/** The cursor after a page: present only when the page was full, so there may be more. */
export function nextCursorOf<T>(items: T[], limit: number, key: (row: T) => Cursor): string | null {
  const last = items.at(-1);
  return items.length === limit && last ? encodeCursor(key(last)) : null;
}
