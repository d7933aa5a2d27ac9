import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './child-process.ts';

/**
 * A pg-boss worker process that takes `mail-batch` jobs of the holding probe (test/support/holding-job.ts)
 * and never ends them: the test kills it with SIGKILL while it holds one, as a machine lost or
 * an out-of-memory kill would.
 */
export function startHoldingWorker(databaseUrl: string): ChildProcess {
  const main = path.resolve(import.meta.dirname, 'holding-worker.main.ts');
  return spawn(process.execPath, ['--import', 'tsx', main, databaseUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the id of the job the worker holds, once its handler runs. */
export async function heldJobId(worker: ChildProcess): Promise<string> {
  const line = await waitFor(worker, 'stdout', /holding \S+/);
  return line.slice('holding '.length);
}
