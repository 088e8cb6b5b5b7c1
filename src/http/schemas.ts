/** Schema pieces shared by many routes. */
import { z } from 'zod';
import { isValidTimeZone } from '../config.ts';
import { ID_PATTERN } from '../shared/ids.ts';
import { i18n } from './validation.ts';

/** An id issued by this server. */
export const zId = z.string().regex(ID_PATTERN, { message: i18n('invalid_id') });

/** `{ id }` path parameters. */
export const zIdParams = z.strictObject({ id: zId });

/** A calendar date, YYYY-MM-DD, that exists. */
export const zDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: i18n('invalid_date') })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: i18n('invalid_date'),
    },
  );

/**
 * An instant as ISO-8601 with Z or an offset, normalised to the stored form (UTC, milliseconds).
 * Year 0000 passes zod's format check but PostgreSQL refuses it, and text kept verbatim would
 * compare wrongly on SQLite, so both are settled here.
 */
export const zInstant = z.iso
  .datetime({ offset: true, message: i18n('invalid_instant') })
  .refine((s) => Number(s.slice(0, 4)) >= 1 && !Number.isNaN(Date.parse(s)), {
    message: i18n('invalid_instant'),
  })
  .transform((s) => new Date(s).toISOString());

/** An IANA time zone name. */
export const zTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: i18n('invalid_time_zone') });

/** Non-empty trimmed text with a maximum length. */
export const zText = (max: number) => z.string().trim().min(1).max(max);

/** Paging for list endpoints. */
export const zPage = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** The one error shape every endpoint answers with. */
export const zErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
});

/** A list with its total. */
export const zList = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

/** `{ ok: true }` */
export const zOk = z.object({ ok: z.literal(true) });
