import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPostgres } from '../src/db/database.ts';

export interface ScratchPostgres {
  database: Database;
  description: string;
  close(): Promise<void>;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL database for one benchmark run: a scratch database on the server `adminUrl` names,
 * or else a throwaway cluster started with Debian's binaries (as root, run as the postgres user,
 * like .ci/run does), removed afterwards.
 */
export async function scratchPostgres(adminUrl: string | undefined): Promise<ScratchPostgres> {
  if (adminUrl) return scratchDatabase(adminUrl, `server ${new URL(adminUrl).host}`, async () => {});
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error('no BAROMETRE_BENCH_DATABASE_URL and no PostgreSQL 15 binaries to start one');
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pg-'));
  const port = 56000 + Math.floor(Math.random() * 1000);
  const asRoot = process.getuid?.() === 0;
  const run = (command: string) =>
    asRoot
      ? execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { stdio: 'ignore' })
      : execFileSync('/bin/bash', ['-c', command], { stdio: 'ignore' });
  if (asRoot) execFileSync('chown', ['postgres:postgres', root]);
  run(`${PG_BIN}/initdb -D ${root}/data --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8`);
  run(
    `${PG_BIN}/pg_ctl -D ${root}/data -l ${root}/server.log -w -o '-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off' start`,
  );
  const stop = async () => {
    run(`${PG_BIN}/pg_ctl -D ${root}/data -m immediate stop`);
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    return await scratchDatabase(
      `postgres://postgres@127.0.0.1:${port}/postgres`,
      'throwaway PostgreSQL 15 cluster',
      stop,
    );
  } catch (error) {
    await stop();
    throw error;
  }
}

async function scratchDatabase(
  adminUrl: string,
  description: string,
  stop: () => Promise<void>,
): Promise<ScratchPostgres> {
  const name = `barometre_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString());
  return {
    database,
    description,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      await stop();
    },
  };
}
