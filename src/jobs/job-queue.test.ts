import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestEngine } from '../../test/support/databases.ts';
import { recordingEnvironment } from '../../test/support/job-environment.ts';
import type { Database } from '../db/database.ts';
import { createInProcessQueue } from './in-process-queue.ts';
import type { JobDefinition, JobKind, JobQueue } from './job.types.ts';
import { retryDelaySeconds } from './job-runner.ts';
import { createPgBossQueue } from './pg-boss-queue.ts';

/**
 * Both queues run the same definitions the same way: retries with the declared backoff, a
 * failure row after the last one only, coalescing by singleton key. pg-boss needs a PostgreSQL
 * server (CI provides one); PGlite would not test what production runs.
 */
const serverUrl = process.env.BAROMETRE_TEST_DATABASE_URL;

interface Probe {
  calls: { value: number; attempt: number }[];
  failuresBeforeSuccess: number;
}

function probeDefinition(
  probe: Probe,
  delaySeconds: number,
  keyed = false,
): JobDefinition<{ value: number }> {
  return {
    // Keyed: one key per hundred (101 and 102 share one). On pg-boss a keyed queue holds one job per key.
    ...(keyed ? { singletonKey: (p: { value: number }) => `k${Math.floor(p.value / 100)}` } : {}),
    kind: 'mail-batch',
    label: 'sonde',
    payload: {
      parse: (raw: unknown) => raw as { value: number },
    } as unknown as JobDefinition<{ value: number }>['payload'],
    retry: { retries: 2, delaySeconds, backoff: false },
    leaseSeconds: 60,
    async run(_env, job) {
      probe.calls.push({ value: job.payload.value, attempt: job.attempt });
      if (probe.calls.filter((c) => c.value === job.payload.value).length <= probe.failuresBeforeSuccess) {
        throw new Error(`échec ${job.attempt} de ${job.payload.value}`);
      }
    },
  };
}

const flavours: { name: string; engine: TestEngine; server: boolean; delaySeconds: number }[] = [
  { name: 'in-process', engine: 'sqlite', server: false, delaySeconds: 0.05 },
  { name: 'pg-boss', engine: 'postgres', server: true, delaySeconds: 1 },
];

describe.each(flavours)('the $name queue', ({ engine, server, delaySeconds }) => {
  let database: Database;
  let queue: JobQueue | undefined;
  const probe: Probe = { calls: [], failuresBeforeSuccess: 0 };

  async function open(): Promise<JobQueue> {
    const definitions = new Map<JobKind, JobDefinition<unknown>>([
      ['mail-batch', probeDefinition(probe, delaySeconds) as JobDefinition<unknown>],
    ]);
    const env = recordingEnvironment(database);
    queue = server
      ? await createPgBossQueue(definitions, () => env, {
          url: database.location,
          heartbeatSeconds: 10,
          pollingSeconds: 0.5,
        })
      : createInProcessQueue(definitions, () => env);
    return queue;
  }

  beforeEach(async (context) => {
    if (server && !serverUrl) context.skip();
    probe.calls = [];
    database = await createTestDatabase(engine);
  });
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
    await database?.close();
  });

  it('tries a failing job again and writes one failure row after its last retry', async () => {
    probe.failuresBeforeSuccess = 99;
    const q = await open();
    await q.enqueue('mail-batch', { value: 7 });
    await q.work(['mail-batch'], { concurrency: 2 });
    await q.drained();
    expect(probe.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    const failures = await database.db.selectFrom('job_failures').selectAll().execute();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: 'mail-batch', attempts: 3, error: 'échec 3 de 7' });
    expect(JSON.parse(failures[0]?.payload ?? 'null')).toEqual({ value: 7 });
  }, 30_000);

  it('writes no failure row for a job that succeeds on a retry', async () => {
    probe.failuresBeforeSuccess = 1;
    const q = await open();
    expect(await q.enqueueMany('mail-batch', [{ value: 1 }, { value: 2 }])).toBe(2);
    await q.work(['mail-batch'], { concurrency: 2 });
    await q.drained();
    expect(probe.calls.filter((c) => c.value === 1).map((c) => c.attempt)).toEqual([1, 2]);
    expect(probe.calls.filter((c) => c.value === 2).map((c) => c.attempt)).toEqual([1, 2]);
    expect(await database.db.selectFrom('job_failures').selectAll().execute()).toEqual([]);
    const status = await q.status(10);
    expect(status.kinds.find((k) => k.kind === 'mail-batch')).toMatchObject({
      queued: 0,
      running: 0,
      done: 2,
      failed: 0,
      doneRecently: 2,
    });
  }, 30_000);
});

describe.each(flavours)('the $name queue, with singleton keys', ({ engine, server, delaySeconds }) => {
  it('does not queue a job twice while one with its key waits', async (context) => {
    if (server && !serverUrl) context.skip();
    const database = await createTestDatabase(engine);
    const probe: Probe = { calls: [], failuresBeforeSuccess: 0 };
    const definitions = new Map<JobKind, JobDefinition<unknown>>([
      ['mail-batch', probeDefinition(probe, delaySeconds, true) as JobDefinition<unknown>],
    ]);
    const env = recordingEnvironment(database);
    const queue = server
      ? await createPgBossQueue(definitions, () => env, { url: database.location, heartbeatSeconds: 10 })
      : createInProcessQueue(definitions, () => env);
    try {
      expect(await queue.enqueueMany('mail-batch', [{ value: 101 }, { value: 102 }, { value: 201 }])).toBe(2);
      expect(await queue.enqueue('mail-batch', { value: 103 })).toBe(false);
      await queue.work(['mail-batch'], { concurrency: 2 });
      await queue.drained();
      expect(probe.calls.map((c) => c.value).sort()).toEqual([101, 201]);
    } finally {
      await queue.close();
      await database.close();
    }
  }, 30_000);
});

describe('retry delays', () => {
  it('double at each retry with backoff, and stay put without', () => {
    const backoff = { retries: 3, delaySeconds: 60, backoff: true };
    expect([1, 2, 3].map((n) => retryDelaySeconds(backoff, n))).toEqual([60, 120, 240]);
    expect([1, 2, 3].map((n) => retryDelaySeconds({ ...backoff, backoff: false }, n))).toEqual([60, 60, 60]);
  });
});
