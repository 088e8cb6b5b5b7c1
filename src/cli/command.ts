import { type ParseArgsConfig, parseArgs } from 'node:util';

/** One `onsite` sub-command. */
export interface Command {
  /** Words that select it, e.g. ['user', 'add']. */
  words: string[];
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

/** A user mistake on the command line: printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Parses a command's options strictly, so a typo is an error and not a silent default. */
export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: cmd.options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${cmd.usage}`);
  }
}

/** Prints `done/total` progress on one line when the output is a terminal, else every 10 %. */
export function progress(label: string, total: number): (done: number) => void {
  let lastPct = -1;
  return (done: number) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (process.stdout.isTTY) {
      process.stdout.write(`\r${label}: ${done}/${total} (${pct}%)${done >= total ? '\n' : ''}`);
    } else if (pct >= lastPct + 10 || done >= total) {
      lastPct = pct;
      console.log(`${label}: ${done}/${total} (${pct}%)`);
    }
  };
}
