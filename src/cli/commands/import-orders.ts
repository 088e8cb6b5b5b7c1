import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bootstrap } from '../../app/bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { actorFor } from '../../modules/access/access.service.ts';
import { can } from '../../modules/access/policy.ts';
import { importRows, readTable } from '../../modules/work-orders/work-orders.import.ts';
import { type Command, UsageError } from '../command.ts';

/**
 * Imports an EOMS export (CSV or xlsx) as work orders received by a named person, the same way
 * the import endpoint does, and prints every row's outcome; exit code 1 when any row was refused.
 */
export const importOrdersCommand: Command = {
  words: ['orders', 'import'],
  summary: 'Import work orders from an EOMS export (CSV or xlsx); every row is reported, nothing dropped',
  usage: `onsite orders import --as USERNAME FILE.csv|FILE.xlsx [--lang zh-CN|en]

The person named by --as receives the orders (WO-3) and needs the import permission
(call center, dispatcher or administrator).
Example: onsite orders import --as callcenter ./eoms-2026-11-02.xlsx`,
  options: {
    as: { type: 'string' },
    lang: { type: 'string' },
  },
  async run(values, positionals) {
    const username = values.as as string | undefined;
    const file = positionals[0];
    if (!username || !file || positionals.length !== 1) {
      throw new UsageError(`--as and exactly one file are required\n\n${this.usage}`);
    }
    const lang = (values.lang as string | undefined) ?? 'zh-CN';
    if (lang !== 'zh-CN' && lang !== 'en') throw new UsageError(`--lang must be zh-CN or en, got "${lang}"`);
    const ext = path.extname(file).toLowerCase();
    if (ext !== '.csv' && ext !== '.xlsx')
      throw new UsageError(`the file must end in .csv or .xlsx, got "${file}"`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const ctx = await bootstrap(loadConfig());
    try {
      const person = await ctx.db
        .selectFrom('people')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirst();
      const actor = person ? await actorFor(ctx, person.id, 'session') : null;
      if (!actor) throw new UsageError(`no active person with user name "${username}"`);
      if (!can(actor, 'work_orders.import')) {
        throw new UsageError(
          `${username} may not import work orders (needs call_center, dispatcher or admin)`,
        );
      }
      const table =
        ext === '.csv'
          ? await readTable('csv', bytes.toString('utf8'))
          : await readTable('xlsx', bytes.toString('base64'));
      const result = await importRows(ctx, actor, table);
      for (const r of result.rows) {
        if (r.status === 'accepted') {
          console.log(`row ${r.row}: accepted ${r.number}${r.externalRef ? ` (${r.externalRef})` : ''}`);
        } else {
          const why = r.problems.map((p) => `${p.field}: ${p.message[lang]}`).join('; ');
          console.log(`row ${r.row}: refused${r.externalRef ? ` (${r.externalRef})` : ''} — ${why}`);
        }
      }
      console.log(`${result.accepted} accepted, ${result.refused} refused, ${result.rows.length} rows`);
      return result.refused > 0 ? 1 : 0;
    } finally {
      await ctx.database.close();
    }
  },
};
