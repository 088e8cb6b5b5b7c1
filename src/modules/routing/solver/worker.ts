/** Runs one solve in a worker thread, so the server's event loop stays free (DP-2). */
import { parentPort, workerData } from 'node:worker_threads';
import type { Problem, SolveOptions } from './model.ts';
import { solve } from './solve.ts';

const { problem, options } = workerData as { problem: Problem; options: Omit<SolveOptions, 'onProgress'> };
const result = solve(problem, {
  ...options,
  onProgress: (p) => parentPort?.postMessage({ type: 'progress', progress: p }),
});
parentPort?.postMessage({ type: 'done', result });
