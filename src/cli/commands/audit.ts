import { bootstrap } from '../../app/bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { verifyHistory } from '../../modules/history/history.service.ts';
import { type Command, progress } from '../command.ts';

/** RC-2: walks the history chain; exit code 1 and the first bad entry when it is broken. */
export const auditVerifyCommand: Command = {
  words: ['audit', 'verify'],
  summary: 'Verify the tamper-evident history chain (RC-2)',
  usage: 'onsite audit verify',
  options: {},
  async run() {
    const ctx = await bootstrap(loadConfig(), { migrate: false });
    try {
      let report: ((n: number) => void) | undefined;
      const result = await verifyHistory(ctx, (checked, total) => {
        report ??= progress('verifying history', total);
        report(checked);
      });
      if (result.ok) {
        console.log(`history chain intact: ${result.checked} entries verified`);
        return 0;
      }
      const bad = result.firstBad!;
      console.error(
        `history chain BROKEN at entry #${bad.seq} (${bad.entityType} ${bad.entityId}): ${bad.problem}; ${result.checked} entries before it verified`,
      );
      return 1;
    } finally {
      await ctx.database.close();
    }
  },
};
