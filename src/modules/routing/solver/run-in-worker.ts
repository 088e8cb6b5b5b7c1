/** Solves in a `worker_threads` worker; progress arrives through the callback. */
import { Worker } from 'node:worker_threads';
import type { Problem, Progress, Solution, SolveOptions } from './model.ts';

export function solveInWorker(
  problem: Problem,
  options: Omit<SolveOptions, 'onProgress'>,
  onProgress?: (p: Progress) => void,
): Promise<Solution> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: { problem, options },
    });
    let done = false;
    worker.on(
      'message',
      (m: { type: 'progress'; progress: Progress } | { type: 'done'; result: Solution }) => {
        if (m.type === 'progress') onProgress?.(m.progress);
        else {
          done = true;
          resolve(m.result);
          void worker.terminate();
        }
      },
    );
    worker.on('error', (e) => {
      if (!done) reject(e);
    });
    worker.on('exit', (code) => {
      if (!done) reject(new Error(`the solver worker stopped (exit ${code})`));
    });
  });
}
