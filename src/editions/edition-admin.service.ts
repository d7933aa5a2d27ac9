import { logChange } from '../audit-log/audit-log.repository.ts';
import type { EditionRow } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { type ComputeSummary, computeEditionIndicators } from '../indicators/indicators.service.ts';
import { createEdition } from './editions.service.ts';

/**
 * The administrators' edition operations from the web: the same services the CLI runs, each
 * with its audit-log record (who, when, before and after) written in the change's transaction.
 */

export async function createEditionAs(
  db: Executor,
  input: { year: number; referentialVersion: string; title?: string },
  actor: string,
  now: Date,
): Promise<EditionRow> {
  return inTransaction(db, async (trx) => {
    const edition = await createEdition(trx, input, now);
    await logChange(
      trx,
      {
        actor,
        action: 'edition_created',
        entity: 'edition',
        entityId: edition.year,
        after: { year: edition.year, title: edition.title, referentialVersion: edition.referential_version },
      },
      now,
    );
    return edition;
  });
}

export async function computeIndicatorsAs(
  db: Executor,
  year: number,
  actor: string,
  now: Date,
): Promise<ComputeSummary> {
  return inTransaction(db, async (trx) => {
    const summary = await computeEditionIndicators(trx, { year }, now);
    await logChange(
      trx,
      {
        actor,
        action: 'indicators_computed',
        entity: 'edition',
        entityId: year,
        after: { methodVersion: summary.methodVersion, authorities: summary.authorities },
      },
      now,
    );
    return summary;
  });
}
