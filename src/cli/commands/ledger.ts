import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { bootstrap } from '../../app/bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { actorFor } from '../../modules/access/access.service.ts';
import { can } from '../../modules/access/policy.ts';
import { LEDGER_IMPORT } from '../../modules/ledger/ledger.permissions.ts';
import { fileRecords } from '../../modules/ledger/ledger.read.ts';
import type { RejectedRow } from '../../modules/ledger/ledger.reconcile.ts';
import { importFile } from '../../modules/ledger/ledger.service.ts';
import { listPartners } from '../../modules/partners/partners.service.ts';
import { AppError } from '../../shared/errors.ts';
import { type Command, UsageError } from '../command.ts';

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * RS-7 from the command line: streams a CSV (GBK or UTF-8) or xlsx file into a vendor's ledger,
 * or reconciles an EOMS export against it, printing progress and every refused row.
 */
export const ledgerImportCommand: Command = {
  words: ['ledger', 'import'],
  summary: 'Reconcile an EOMS export (CSV or xlsx) with a vendor ledger, or load the ledger itself',
  usage: `onsite ledger import --as USERNAME --partner CODE [--ledger] FILE.csv|FILE.xlsx [--lang zh-CN|en]

Without --ledger the file is the operator's EOMS export and every difference with the
vendor's ledger becomes a reconciliation item; with --ledger the file is the vendor's own
ledger and its lines are added or updated. Importing the same file again changes nothing.
Example: onsite ledger import --as dispatcher --partner GZ-ZX ./eoms-2026-11.csv`,
  options: {
    as: { type: 'string' },
    partner: { type: 'string' },
    ledger: { type: 'boolean' },
    lang: { type: 'string' },
  },
  async run(values, positionals) {
    const username = values.as as string | undefined;
    const code = values.partner as string | undefined;
    const file = positionals[0];
    if (!username || !code || !file || positionals.length !== 1)
      throw new UsageError(`--as, --partner and exactly one file are required\n\n${this.usage}`);
    const lang = (values.lang as string | undefined) ?? 'zh-CN';
    if (lang !== 'zh-CN' && lang !== 'en') throw new UsageError(`--lang must be zh-CN or en, got "${lang}"`);
    const ext = path.extname(file).toLowerCase();
    if (ext !== '.csv' && ext !== '.xlsx')
      throw new UsageError(`the file must end in .csv or .xlsx, got "${file}"`);
    if (!existsSync(file)) throw new UsageError(`cannot read ${file}: no such file`);
    const ctx = await bootstrap(loadConfig());
    try {
      const person = await ctx.db
        .selectFrom('people')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirst();
      const actor = person ? await actorFor(ctx, person.id, 'session') : null;
      if (!actor) throw new UsageError(`no active person with user name "${username}"`);
      if (!can(actor, LEDGER_IMPORT))
        throw new UsageError(`${username} may not import ledgers (needs dispatcher or admin)`);
      const partners = await listPartners(ctx, actor.scope, { q: code }, { limit: 50, offset: 0 });
      const partner = partners.items.find((p) => p.code === code);
      if (!partner) throw new UsageError(`no partner with code "${code}" visible to ${username}`);
      const started = Date.now();
      const row = await importFile(ctx, actor, {
        partnerId: partner.id,
        target: values.ledger ? 'ledger' : 'eoms',
        fileName: path.basename(file),
        sha256: await sha256Of(file),
        records: fileRecords(file, ext === '.xlsx' ? 'xlsx' : 'csv'),
        onProgress: (n) => {
          const line = `rows read: ${n.toLocaleString('en')}`;
          if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
          else console.log(line);
        },
      });
      if (process.stdout.isTTY) process.stdout.write('\n');
      for (const r of JSON.parse(row.rejected_json) as RejectedRow[])
        console.log(
          `row ${r.rowNo}: refused — ${r.problems.map((p) => `${p.field}: ${p.message[lang]}`).join('; ')}`,
        );
      const what = row.target === 'eoms' ? 'differences opened' : 'lines added or changed';
      console.log(
        `${row.rows_read} rows read, ${row.rows_rejected} refused, ${row.items_opened} ${what}` +
          (row.target === 'eoms' ? `, ${row.items_closed} no longer found` : '') +
          ` (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      return row.rows_rejected > 0 ? 1 : 0;
    } catch (e) {
      if (e instanceof AppError && e.details.length)
        throw new UsageError(e.details.map((d) => `${d.field}: ${d.message[lang]}`).join('\n'));
      throw e;
    } finally {
      await ctx.database.close();
    }
  },
};
