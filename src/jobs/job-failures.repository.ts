import type { Executor } from '../db/transaction.ts';

export interface JobFailure {
  kind: string;
  jobId: string;
  payload: unknown;
  attempts: number;
  error: string;
}

/** Written once per job: a second write of the same failure (a retried write) changes nothing. */
export async function recordJobFailure(db: Executor, failure: JobFailure, now: Date): Promise<void> {
  await db
    .insertInto('job_failures')
    .values({
      kind: failure.kind,
      job_id: failure.jobId,
      payload: JSON.stringify(failure.payload),
      attempts: failure.attempts,
      error: failure.error,
      failed_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['kind', 'job_id']).doNothing())
    .execute();
}

export async function countJobFailures(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('job_failures')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('kind')
    .execute();
  return new Map(rows.map((row) => [row.kind, Number(row.n)]));
}
