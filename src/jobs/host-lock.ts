import pg from 'pg';

export type Unlock = () => Promise<void>;

/**
 * Politeness across workers: while a worker crawls a site, no other worker crawls a site on the
 * same host. Each process's host scheduler (src/crawl/politeness.ts) already spaces the requests
 * of one process; this lock keeps two processes from doing so side by side on one host.
 */
export interface HostLock {
  /** Resolves once this process holds `host`; rejects with the signal's reason when aborted. */
  acquire(host: string, signal?: AbortSignal): Promise<Unlock>;
  close(): Promise<void>;
}

/** One process (SQLite, in-process queue): a chain of promises per host. */
export function inProcessHostLock(): HostLock {
  const tails = new Map<string, Promise<void>>();
  return {
    async acquire(host, signal) {
      const key = host.toLowerCase();
      const previous = tails.get(key) ?? Promise.resolve();
      let unlock!: () => void;
      const mine = new Promise<void>((resolve) => {
        unlock = resolve;
      });
      const tail = previous.then(() => mine);
      tails.set(key, tail);
      const release = async () => {
        unlock();
        if (tails.get(key) === tail) tails.delete(key);
      };
      if (signal) {
        const aborted = new Promise<never>((_, reject) => {
          if (signal.aborted) reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
        try {
          await Promise.race([previous, aborted]);
        } catch (error) {
          // Our place in the chain is given up only once our predecessor is done.
          void previous.then(release);
          throw error;
        }
      } else {
        await previous;
      }
      return release;
    },
    async close() {},
  };
}

/** Two-key advisory locks in their own space, apart from lockForTransaction's one-key locks. */
const HOST_LOCK_SPACE = 8008;
const RETRY_MS = 200;

/**
 * Several workers on PostgreSQL: a session advisory lock per host, held on a connection of its own
 * for the whole crawl of the site. A worker that dies loses its session, and PostgreSQL releases
 * the lock at once: no lock outlives its holder.
 */
export function postgresHostLock(url: string, maxHeld: number): HostLock {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxHeld,
    // The pid in the name tells an operator (and the tests) which worker holds which host.
    application_name: `barometre-host-lock:${process.pid}`,
  });
  pool.on('error', () => {});
  /** Connections holding a lock: closing the lock destroys them, which releases their locks. */
  const held = new Set<pg.PoolClient>();
  const onClientError = () => {};
  return {
    async acquire(host, signal) {
      const client = await pool.connect();
      // A held connection that the server ends (restart, a killed session) must not crash the worker.
      client.on('error', onClientError);
      const key = host.toLowerCase();
      try {
        for (;;) {
          signal?.throwIfAborted();
          const { rows } = await client.query<{ locked: boolean }>(
            'select pg_try_advisory_lock($1, hashtext($2)) as locked',
            [HOST_LOCK_SPACE, key],
          );
          if (rows[0]?.locked) break;
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      } catch (error) {
        client.off('error', onClientError);
        client.release();
        throw error;
      }
      held.add(client);
      return async () => {
        if (!held.delete(client)) return;
        try {
          await client.query('select pg_advisory_unlock($1, hashtext($2))', [HOST_LOCK_SPACE, key]);
          client.off('error', onClientError);
          client.release();
        } catch (error) {
          // A connection that failed is destroyed, which releases the lock with the session.
          client.release(error as Error);
        }
      };
    },
    async close() {
      for (const client of held) client.release(new Error('verrou d’hôte fermé'));
      held.clear();
      await pool.end();
    },
  };
}
