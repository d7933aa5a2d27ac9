import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/databases.ts';
import type { Database } from '../db/database.ts';
import { type HostLock, inProcessHostLock, postgresHostLock } from './host-lock.ts';

const serverUrl = process.env.BAROMETRE_TEST_DATABASE_URL;

/** Whether the promise settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
}

describe.each([
  { name: 'in one process', server: false },
  { name: 'across workers (PostgreSQL advisory locks)', server: true },
])('the host lock $name', ({ server }) => {
  let database: Database | undefined;
  const locks: HostLock[] = [];

  /** Two holders: two workers' locks on PostgreSQL (two pools), one process's lock otherwise. */
  async function twoWorkers(): Promise<[HostLock, HostLock]> {
    if (!server) {
      const lock = inProcessHostLock();
      locks.push(lock);
      return [lock, lock];
    }
    database = await createTestDatabase('postgres');
    const pair: [HostLock, HostLock] = [
      postgresHostLock(database.location, 2),
      postgresHostLock(database.location, 2),
    ];
    locks.push(...pair);
    return pair;
  }

  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.close().catch(() => {});
    await database?.close();
    database = undefined;
  });

  it('lets one holder crawl a host at a time, and other hosts meanwhile', async (context) => {
    if (server && !serverUrl) context.skip();
    const [a, b] = await twoWorkers();
    const unlockA = await a.acquire('www.exemple.fr');
    const waiting = b.acquire('WWW.exemple.fr');
    expect(await settlesWithin(waiting, 600)).toBe(false);
    const other = await b.acquire('www.autre.fr');
    await unlockA();
    const unlockB = await waiting;
    await unlockB();
    await other();
  });

  it('stops waiting when the job is aborted', async (context) => {
    if (server && !serverUrl) context.skip();
    const [a, b] = await twoWorkers();
    const unlockA = await a.acquire('www.exemple.fr');
    const controller = new AbortController();
    const waiting = b.acquire('www.exemple.fr', controller.signal);
    controller.abort(new Error('arrêt'));
    await expect(waiting).rejects.toThrow('arrêt');
    await unlockA();
    const unlockB = await b.acquire('www.exemple.fr');
    await unlockB();
  });

  // Only the advisory lock has a session that can die: the in-process lock has no such test.
  if (server)
    it('frees the host of a worker whose connection died', async (context) => {
      if (!serverUrl) context.skip();
      const [a, b] = await twoWorkers();
      await a.acquire('www.exemple.fr');
      const waiting = b.acquire('www.exemple.fr');
      expect(await settlesWithin(waiting, 400)).toBe(false);
      // A worker killed outright: its session ends, and PostgreSQL drops its advisory locks.
      const admin = new pg.Client({ connectionString: database?.location });
      await admin.connect();
      const killed = await admin.query(
        `select pg_terminate_backend(l.pid) from pg_locks l
       where l.locktype = 'advisory' and l.granted
         and l.database = (select oid from pg_database where datname = current_database())`,
      );
      await admin.end();
      expect(killed.rowCount).toBe(1);
      const unlockB = await waiting;
      await unlockB();
    });
});
