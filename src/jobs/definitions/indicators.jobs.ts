import { z } from 'zod';
import { computeEditionIndicators } from '../../indicators/indicators.service.ts';
import type { JobDefinition } from '../job.types.ts';

const editionPayload = z.object({ year: z.number().int() });
const authorityPayload = z.object({ year: z.number().int(), authorityId: z.number().int().positive() });

const RETRY = { retries: 2, delaySeconds: 30, backoff: true } as const;
/** A national edition computes in seconds (docs/benchmarks.md); ten minutes is a dead worker. */
const LEASE_SECONDS = 10 * 60;

/**
 * Recomputes an edition's indicators (once a campaign's last site is done, or on demand).
 * Idempotent: the computation replaces the edition's results in one transaction, so a second run
 * stores the same rows. Requests for one edition coalesce while one is waiting.
 */
export const editionIndicatorsJob: JobDefinition<z.infer<typeof editionPayload>> = {
  kind: 'edition-indicators',
  label: 'indicateurs d’une édition',
  payload: editionPayload,
  retry: RETRY,
  leaseSeconds: LEASE_SECONDS,
  singletonKey: (p) => `edition:${p.year}`,
  async run(env, job) {
    await computeEditionIndicators(env.db, { year: job.payload.year }, env.now());
  },
};

/**
 * An authority's indicators after its assessments changed (a review, a contest upheld). Its rank,
 * its peer group's medians and the edition's aggregates all move with it, so its indicators are
 * not separable from its edition's: the job recomputes the edition, and requests for authorities of
 * one edition coalesce into one computation while one is waiting (docs/operations.md).
 */
export const authorityIndicatorsJob: JobDefinition<z.infer<typeof authorityPayload>> = {
  kind: 'authority-indicators',
  label: 'indicateurs d’une collectivité',
  payload: authorityPayload,
  retry: RETRY,
  leaseSeconds: LEASE_SECONDS,
  singletonKey: (p) => `edition:${p.year}`,
  async run(env, job) {
    const authority = await env.db
      .selectFrom('authorities')
      .select('id')
      .where('id', '=', job.payload.authorityId)
      .executeTakeFirst();
    if (!authority) throw new Error(`collectivité ${job.payload.authorityId} inconnue`);
    await computeEditionIndicators(env.db, { year: job.payload.year }, env.now());
  },
};
