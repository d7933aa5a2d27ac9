import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Database } from '../../src/db/database.ts';
import { runCli } from '../../src/main/cli.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function temporaryDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-cli-'));
}

/** Runs the CLI in-process on the given data directory and captures what it prints. */
export async function runCliCaptured(
  argv: string[],
  options: { dataDir: string; env?: Record<string, string>; now?: Date; database?: Database; stdin?: string },
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  stdout.on('data', (chunk: Buffer) => chunks.stdout.push(chunk));
  stderr.on('data', (chunk: Buffer) => chunks.stderr.push(chunk));
  const code = await runCli(argv, {
    env: { BAROMETRE_DATA_DIR: options.dataDir, ...options.env },
    stdout,
    stderr,
    now: () => options.now ?? new Date('2026-11-21T12:00:00Z'),
    ...(options.database ? { database: options.database } : {}),
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
  });
  return {
    code,
    stdout: Buffer.concat(chunks.stdout).toString(),
    stderr: Buffer.concat(chunks.stderr).toString(),
  };
}

/**
 * A data directory ready to audit: territories, the shipped referential and this year's
 * edition — the demo's first steps, without its crawl.
 */
export async function preparedDataDir(now = new Date('2026-11-21T12:00:00Z')): Promise<string> {
  const dataDir = temporaryDataDir();
  for (const argv of [
    ['import', 'territories'],
    ['referential', 'load'],
    ['edition', 'create', '--year', String(now.getUTCFullYear())],
  ]) {
    const run = await runCliCaptured(argv, { dataDir, now });
    if (run.code !== 0) throw new Error(`barometre ${argv.join(' ')} failed: ${run.stderr}`);
  }
  return dataDir;
}
