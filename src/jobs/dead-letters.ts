import type { Executor } from '../db/transaction.ts';
import { recordJobFailure } from './job-failures.repository.ts';

/**
 * The pg-boss queue every job kind sends its jobs to once they failed for good (pg-boss's
 * `deadLetter` queue option). pg-boss copies a job there in the very statement that fails it,
 * whatever the cause: a handler that threw on its last attempt, or a lease or heartbeat that
 * expired because the worker died during it. Nothing else can see the second case: the worker
 * that would have written the failure row is gone.
 */
export const DEAD_LETTER_QUEUE = 'job-failures';

/** What pg-boss gives of a dead-letter job (its metadata names the job it copies). */
export interface DeadLetter {
  id: string;
  data: unknown;
  sourceName: string | null;
  sourceId: string | null;
  sourceRetryCount: number | null;
  sourceOutput: object | null;
}

/**
 * Writes the failure row of a dead-letter job. Keyed by the failed job's kind and id: a
 * dead-letter job taken twice (its worker died after writing) still leaves one row.
 */
export async function recordDeadLetter(db: Executor, letter: DeadLetter, now: Date): Promise<void> {
  await recordJobFailure(
    db,
    {
      kind: letter.sourceName ?? DEAD_LETTER_QUEUE,
      jobId: letter.sourceId ?? letter.id,
      payload: letter.data,
      attempts: (letter.sourceRetryCount ?? 0) + 1,
      error: failureMessage(letter.sourceOutput),
    },
    now,
  );
}

/**
 * The failed attempt's message: ours (`fail` with `{ message }`), or pg-boss's own when it failed
 * the job itself (`{ value: { message: 'job timed out' } }`), said in French for `jobs status`.
 */
export function failureMessage(output: object | null): string {
  const record = (output ?? {}) as { message?: unknown; value?: { message?: unknown } };
  const message = record.message ?? record.value?.message;
  if (message === 'job timed out')
    return 'bail expiré : travailleur arrêté pendant le travail (job timed out)';
  if (message === 'job heartbeat timeout') {
    return 'battement de cœur perdu : travailleur arrêté pendant le travail (job heartbeat timeout)';
  }
  return typeof message === 'string' ? message : 'échec sans message';
}
