import { type ChildProcess, spawn } from 'node:child_process';
import pg from 'pg';
import { BIN, waitFor } from './child-process.ts';

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code and signal, and everything the worker printed. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** `barometre worker` as an operator starts it, on the given PostgreSQL database. */
export function startWorker(databaseUrl: string, dataDir: string, args: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--delay', '1', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BAROMETRE_DATA_DIR: dataDir,
      // The shortest heartbeat pg-boss allows: a killed worker's job comes back within seconds.
      BAROMETRE_JOB_HEARTBEAT_SECONDS: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exit };
}

export function workerReady(worker: WorkerProcess): Promise<string> {
  return waitFor(worker.child, 'stdout', /Travailleur prêt/);
}

/** Pids of the worker processes holding a host right now (crawling a site), from PostgreSQL's locks. */
export async function workersCrawling(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select distinct a.application_name as name from pg_locks l
       join pg_stat_activity a on a.pid = l.pid
       where l.locktype = 'advisory' and l.granted and a.application_name like 'barometre-host-lock:%'`,
    );
    return rows.map((row) => Number(row.name.split(':')[1]));
  } finally {
    await client.end();
  }
}
