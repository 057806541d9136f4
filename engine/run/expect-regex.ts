/**
 * `expect=regex` is matched in a worker thread within a time budget: a
 * JavaScript regular expression can backtrack for minutes (`^(a+)+$` on a
 * few dozen characters), and the engine must not block on it. An overrun
 * terminates the worker and fails the step. `node:worker_threads` is loaded
 * only when a regex is matched: a play without one does not pay for it.
 */
const MATCHER = `
const { parentPort, workerData } = require('node:worker_threads');
let matched = false;
try { matched = new RegExp(workerData.source, 'm').test(workerData.text); } catch { matched = false; }
parentPort.postMessage(matched);
`;

/** The budget when the step has no timeout of its own. */
export const REGEX_BUDGET_MS = 5000;

/** True or false when the regex finished in time, 'overrun' when it did not. */
export async function matchRegex(source: string, text: string, budgetMs: number): Promise<boolean | 'overrun'> {
  const { Worker } = await import('node:worker_threads');
  return new Promise((resolve) => {
    const worker = new Worker(MATCHER, { eval: true, workerData: { source, text } });
    const end = (result: boolean | 'overrun') => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => end('overrun'), budgetMs);
    worker.once('message', (matched: unknown) => end(matched === true));
    worker.once('error', () => end(false));
  });
}
