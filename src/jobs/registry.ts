import { crawlSiteJob } from './definitions/crawl-site.job.ts';
import { authorityIndicatorsJob, editionIndicatorsJob } from './definitions/indicators.jobs.ts';
import { mailBatchJob } from './definitions/mail-batch.job.ts';
import type { JobDefinition, JobKind } from './job.types.ts';

/** Every job definition, by kind: both queues take them from here. */
export const JOB_DEFINITIONS: ReadonlyMap<JobKind, JobDefinition<unknown>> = new Map(
  [crawlSiteJob, editionIndicatorsJob, authorityIndicatorsJob, mailBatchJob].map((d) => [
    d.kind,
    d as JobDefinition<unknown>,
  ]),
);
