import { writeFileSync } from 'node:fs';
import { bootstrap } from '../../app/bootstrap.ts';
import { loadConfig } from '../../config.ts';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportMonth,
} from '../../modules/assessment/assessment.export.ts';
import { MONTH_PATTERN } from '../../modules/assessment/assessment.rules.ts';
import { type Command, UsageError } from '../command.ts';

/**
 * VA-2: writes a month's vendor assessment (every partner, the whole organisation) as xlsx or
 * PDF — the same file the scorecard page downloads.
 */
export const reportAssessmentCommand: Command = {
  words: ['report', 'assessment'],
  summary: 'Write a month’s vendor assessment as xlsx or PDF (scorecard, ranking, trend, indicators)',
  usage: `onsite report assessment --month YYYY-MM --format xlsx|pdf [--out FILE] [--lang zh-CN|en]

Without --out the file is written to ./assessment-YYYY-MM.<format>.
Example: onsite report assessment --month 2026-10 --format pdf`,
  options: {
    month: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
  },
  async run(values, positionals) {
    const month = values.month as string | undefined;
    const format = values.format as string | undefined;
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\n\n${this.usage}`);
    if (!month || !MONTH_PATTERN.test(month))
      throw new UsageError(`--month must be a month such as 2026-10, got "${month ?? ''}"\n\n${this.usage}`);
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be xlsx or pdf, got "${format ?? ''}"\n\n${this.usage}`);
    const lang = (values.lang as string | undefined) ?? 'zh-CN';
    if (lang !== 'zh-CN' && lang !== 'en') throw new UsageError(`--lang must be zh-CN or en, got "${lang}"`);
    const ctx = await bootstrap(loadConfig(), { migrate: false });
    try {
      const file = await exportMonth(ctx, { scope: { kind: 'all' } }, month, format as ExportFormat, lang);
      const out = (values.out as string | undefined) ?? file.fileName;
      writeFileSync(out, file.body);
      console.log(`wrote ${out} (${file.body.length} bytes)`);
      return 0;
    } finally {
      await ctx.database.close();
    }
  },
};
