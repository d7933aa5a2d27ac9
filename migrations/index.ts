import type { Migration } from 'kysely';
import * as initialSchema from './0001-initial-schema.ts';
import * as audits from './0002-audits.ts';
import * as reviewWorkflow from './0003-review-workflow.ts';
import * as indicators from './0004-indicators.ts';
import * as initiatives from './0005-initiatives.ts';
import * as accounts from './0006-accounts.ts';
import * as surveys from './0007-surveys.ts';
import * as jobs from './0008-jobs.ts';

/**
 * Every migration, by name. Names sort in the order they apply; never rename or edit one that
 * has shipped: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-audits': audits,
  '0003-review-workflow': reviewWorkflow,
  '0004-indicators': indicators,
  '0005-initiatives': initiatives,
  '0006-accounts': accounts,
  '0007-surveys': surveys,
  '0008-jobs': jobs,
};
