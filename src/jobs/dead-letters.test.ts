import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/databases.ts';
import { heldJobId, startHoldingWorker } from '../../test/support/dying-worker.ts';
import { holdingDefinitions } from '../../test/support/holding-job.ts';
import { recordingEnvironment } from '../../test/support/job-environment.ts';
import type { Database } from '../db/database.ts';
import { type DeadLetter, failureMessage, recordDeadLetter } from './dead-letters.ts';
import type { JobQueue } from './job.types.ts';
import { createPgBossQueue } from './pg-boss-queue.ts';

/**
 * A job whose worker dies during its last attempt fails by pg-boss's lease expiry, with no
 * handler left to write its failure row: the dead-letter queue must yield it all the same.
 */
const serverUrl = process.env.BAROMETRE_TEST_DATABASE_URL;

describe.runIf(serverUrl)('a worker killed during a job’s last attempt', () => {
  let database: Database | undefined;
  let queue: JobQueue | undefined;
  let dying: ReturnType<typeof startHoldingWorker> | undefined;
  afterEach(async () => {
    if (dying && dying.exitCode === null) dying.kill('SIGKILL');
    await queue?.close();
    await database?.close();
  });

  it('leaves one failure row, written from the dead-letter queue by a surviving worker', async () => {
    database = await createTestDatabase('postgres');
    const env = recordingEnvironment(database, { now: new Date('2026-11-22T08:00:00Z') });
    const held: string[] = [];
    queue = await createPgBossQueue(
      holdingDefinitions((id) => held.push(id)),
      () => env,
      {
        url: database.location,
        heartbeatSeconds: 10,
        pollingSeconds: 0.2,
        superviseSeconds: 1,
      },
    );
    dying = startHoldingWorker(database.location);
    const exited = new Promise((resolve) => dying?.once('exit', resolve));
    await queue.enqueue('mail-batch', { batch: 'lettre' });
    const jobId = await heldJobId(dying);
    dying.kill('SIGKILL');
    await exited;

    await queue.work(['mail-batch'], { concurrency: 1 });
    await queue.drained();
    // No retry declared: the surviving worker never ran the job, it only recorded its failure.
    expect(held).toEqual([]);
    const failures = await database.db.selectFrom('job_failures').selectAll().execute();
    expect(failures).toEqual([
      {
        id: expect.any(Number),
        kind: 'mail-batch',
        job_id: jobId,
        payload: JSON.stringify({ batch: 'lettre' }),
        attempts: 1,
        error: 'bail expiré : travailleur arrêté pendant le travail (job timed out)',
        failed_at: '2026-11-22T08:00:00.000Z',
      },
    ]);
  }, 60_000);

  it('writes a dead letter taken twice once', async () => {
    database = await createTestDatabase('postgres');
    const letter: DeadLetter = {
      id: 'b7f7c7a2-0000-4000-8000-000000000001',
      data: { year: 2026 },
      sourceName: 'edition-indicators',
      sourceId: 'b7f7c7a2-0000-4000-8000-000000000002',
      sourceRetryCount: 2,
      sourceOutput: { message: 'base injoignable' },
    };
    await recordDeadLetter(database.db, letter, new Date());
    await recordDeadLetter(
      database.db,
      { ...letter, id: 'b7f7c7a2-0000-4000-8000-000000000003' },
      new Date(),
    );
    const rows = await database.db
      .selectFrom('job_failures')
      .select(['kind', 'job_id', 'attempts', 'error'])
      .execute();
    expect(rows).toEqual([
      { kind: 'edition-indicators', job_id: letter.sourceId, attempts: 3, error: 'base injoignable' },
    ]);
  });
});

describe('the failure message of a dead letter', () => {
  it('is the handler’s message, or pg-boss’s expiry said in French', () => {
    expect(failureMessage({ message: 'relais refusé' })).toBe('relais refusé');
    expect(failureMessage({ value: { message: 'job heartbeat timeout' } })).toContain(
      'battement de cœur perdu',
    );
    expect(failureMessage(null)).toBe('échec sans message');
  });
});
