/** The `onsite` command line. */
import { ConfigError } from '../config.ts';
import { type Command, parseCommandArgs, UsageError } from './command.ts';
import { auditVerifyCommand } from './commands/audit.ts';
import { backupCommand } from './commands/backup.ts';
import { demoCommand } from './commands/demo.ts';
import { importOrdersCommand } from './commands/import-orders.ts';
import { ledgerImportCommand } from './commands/ledger.ts';
import { migrateCommand } from './commands/migrate.ts';
import { reportAssessmentCommand } from './commands/report-assessment.ts';
import { restoreCommand } from './commands/restore.ts';
import { rollupsRebuildCommand } from './commands/rollups.ts';
import { serveCommand } from './commands/serve.ts';
import { userAddCommand } from './commands/user.ts';

const commands: Command[] = [
  serveCommand,
  migrateCommand,
  userAddCommand,
  auditVerifyCommand,
  backupCommand,
  restoreCommand,
  demoCommand,
  importOrdersCommand,
  reportAssessmentCommand,
  ledgerImportCommand,
  rollupsRebuildCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.words.join(' ').length));
  return [
    'onsite — Onsite (现场) field-service platform',
    '',
    'Usage: onsite <command> [options]    (onsite <command> --help for its options)',
    '',
    ...commands.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Configuration is read from the environment; see docs/CONFIGURATION.md.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(help());
    return argv.length === 0 ? 2 : 0;
  }
  const cmd = commands
    .filter((c) => c.words.every((w, i) => argv[i] === w))
    .sort((a, b) => b.words.length - a.words.length)[0];
  if (!cmd) {
    console.error(`onsite: unknown command "${argv.join(' ')}"\n\n${help()}`);
    return 2;
  }
  const rest = argv.slice(cmd.words.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${cmd.summary}\n\nUsage: ${cmd.usage}`);
    return 0;
  }
  const { values, positionals } = parseCommandArgs(cmd, rest);
  return cmd.run(values, positionals);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`onsite: ${err.message}`);
      process.exit(2);
    }
    if (err instanceof ConfigError) {
      console.error(`onsite: ${err.message}`);
      process.exit(78);
    }
    console.error(`onsite: ${(err as Error).message ?? err}`);
    process.exit(1);
  },
);
