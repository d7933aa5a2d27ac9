import { allowWorkMemory, lockForTransaction } from '../db/dialect.ts';
import type { AuthorityKind, EditionRow, PreviousComparability } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { requireEdition } from '../editions/editions.service.ts';
import { UserError } from '../shared/errors.ts';
import { authorityKindName, findAuthorityByCode } from '../territories/authority-lookup.ts';
import {
  type CorrelationX,
  type CorrelationY,
  type EditionAggregates,
  editionAggregates,
} from './aggregates.rules.ts';
import type { ReferentialShape } from './authority-indicators.rules.ts';
import { applicableServices, editionIndicators } from './edition-indicators.rules.ts';
import { editionFindings, type FindingsSection } from './findings/findings.rules.ts';
import {
  deleteIndicatorRun,
  findIndicatorRun,
  insertIndicatorRun,
  loadAuthorityIndicators,
  previousComputedEdition,
  storedHeadlines,
  writeAuthorityIndicators,
} from './indicators.repository.ts';
import type { AuthorityIndicators } from './indicators.types.ts';
import { type IndicatorMethod, loadIndicatorMethod } from './method.ts';
import { competenceSets, panelOfEdition } from './queries/panel.query.ts';
import { portalOutcomes } from './queries/portal-outcomes.query.ts';
import { serviceLevelCounts } from './queries/service-levels.query.ts';
import { comparabilityOf } from './ranking.rules.ts';
import { type ScatterPoint, scatterPoints } from './scatter.rules.ts';

export type { ScatterPoint };

/**
 * Indicators of an edition: computed from the current assessments, portal checks and
 * territories, stored, and read back by the CLI, pages, exports and reports.
 */

export interface ComputeSummary {
  year: number;
  methodVersion: string;
  authorities: number;
  byKind: Partial<Record<AuthorityKind, number>>;
  /** Panel authorities left out because no service of the referential applies to them. */
  withoutServices: number;
  previousYear: number | null;
  comparability: PreviousComparability | null;
  durationMs: number;
}

/**
 * Computes an edition's indicators and replaces its stored results in one transaction
 * (idempotent). A published edition keeps the results it was published with.
 */
export async function computeEditionIndicators(
  db: Executor,
  input: { year: number; method?: IndicatorMethod },
  now: Date,
): Promise<ComputeSummary> {
  const started = performance.now();
  const method = input.method ?? (await loadIndicatorMethod());
  return inTransaction(db, async (trx) => {
    const edition = await requireEdition(trx, input.year);
    await lockForTransaction(trx, `indicators:${edition.id}`);
    if (edition.status === 'published' && (await findIndicatorRun(trx, edition.id))) {
      throw new UserError(
        'conflict',
        `Édition ${edition.year} publiée : ses indicateurs sont figés tels qu’ils ont été publiés.`,
      );
    }
    // The aggregation pass keeps one group per authority (36 000 at national scale): 4 MB, the
    // default, made it spill to disk; 64 MB keeps it in memory (docs/benchmarks.md).
    await allowWorkMemory(trx, 64);
    const referential = await referentialShape(trx, edition.referential_version);
    const sets = applicableServices(referential, await competenceSets(trx));
    const counts = await serviceLevelCounts(trx, edition.id, sets);
    const panel = await panelOfEdition(
      trx,
      edition,
      counts.map((c) => c.authorityId),
    );
    const portal = await portalOutcomes(trx, edition.id);
    const previous = await previousComputedEdition(trx, edition.year);
    const comparability = comparabilityOf(
      { referentialVersion: edition.referential_version, methodVersion: method.version },
      previous
        ? { referentialVersion: previous.run.referential_version, methodVersion: previous.run.method_version }
        : null,
    );
    const computed = editionIndicators({
      panel,
      referential,
      counts,
      portal,
      previous: previous ? await storedHeadlines(trx, previous.editionId) : new Map(),
      comparability,
      method,
    });
    await deleteIndicatorRun(trx, edition.id);
    // The aggregates are computed here while the server applies the rows.
    const aggregates = await writeAuthorityIndicators(trx, edition.id, computed.authorities, () =>
      editionAggregates(computed.authorities, referential.themes, method),
    );
    const durationMs = Math.round(performance.now() - started);
    await insertIndicatorRun(trx, {
      edition_id: edition.id,
      method_version: method.version,
      method: JSON.stringify(method),
      referential_version: edition.referential_version,
      previous_edition_id: previous?.editionId ?? null,
      previous_comparability: comparability,
      authorities: computed.authorities.length,
      aggregates: JSON.stringify(aggregates),
      computed_at: now.toISOString(),
      duration_ms: durationMs,
    });
    const byKind: Partial<Record<AuthorityKind, number>> = {};
    for (const a of computed.authorities) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
    return {
      year: edition.year,
      methodVersion: method.version,
      authorities: computed.authorities.length,
      byKind,
      withoutServices: computed.withoutServices.length,
      previousYear: previous?.year ?? null,
      comparability,
      durationMs,
    };
  });
}

/** Themes (in order) and services of a stored referential version. */
export async function referentialShape(db: Executor, version: string): Promise<ReferentialShape> {
  const themes = await db
    .selectFrom('themes')
    .select(['key', 'name'])
    .where('referential_version', '=', version)
    .orderBy('position')
    .execute();
  const services = await db
    .selectFrom('services')
    .select(['id', 'theme_key', 'applies_to'])
    .where('referential_version', '=', version)
    .orderBy('position')
    .execute();
  return {
    themes,
    services: services.map((s) => ({
      id: s.id,
      themeKey: s.theme_key,
      appliesTo: JSON.parse(s.applies_to) as string[],
    })),
  };
}

export interface StoredIndicatorRun {
  edition: EditionRow;
  methodVersion: string;
  method: IndicatorMethod;
  referentialVersion: string;
  previousYear: number | null;
  comparability: PreviousComparability | null;
  authorities: number;
  aggregates: EditionAggregates;
  computedAt: string;
  durationMs: number;
}

/** The stored run of an edition, or a French error naming the command that computes it. */
export async function editionIndicatorRun(db: Executor, year: number): Promise<StoredIndicatorRun> {
  const edition = await requireEdition(db, year);
  const run = await findIndicatorRun(db, edition.id);
  if (!run) {
    throw new UserError(
      'not_found',
      `Les indicateurs de l’édition ${year} ne sont pas calculés : lancez « barometre indicators compute --edition ${year} ».`,
    );
  }
  const previous = run.previous_edition_id
    ? await db
        .selectFrom('editions')
        .select('year')
        .where('id', '=', run.previous_edition_id)
        .executeTakeFirst()
    : undefined;
  return {
    edition,
    methodVersion: run.method_version,
    method: JSON.parse(run.method) as IndicatorMethod,
    referentialVersion: run.referential_version,
    previousYear: previous?.year ?? null,
    comparability: run.previous_comparability,
    authorities: run.authorities,
    aggregates: JSON.parse(run.aggregates) as EditionAggregates,
    computedAt: run.computed_at,
    durationMs: run.duration_ms,
  };
}

/** Every authority's stored indicators in an edition, by kind then rank. */
export async function listAuthorityIndicators(
  db: Executor,
  year: number,
  filter: { kind?: AuthorityKind; peerGroup?: string } = {},
): Promise<AuthorityIndicators[]> {
  const run = await editionIndicatorRun(db, year);
  return loadAuthorityIndicators(db, run.edition.id, filter);
}

/**
 * One authority's stored indicators, found by its code (and kind, when codes are shared:
 * « 84 » is both a région and a département), with the edition's run for context.
 */
export async function authorityIndicatorsOf(
  db: Executor,
  input: { year: number; code: string; kind?: AuthorityKind },
): Promise<{ run: StoredIndicatorRun; indicators: AuthorityIndicators }> {
  const run = await editionIndicatorRun(db, input.year);
  const authority = await findAuthorityByCode(db, input.code, input.kind);
  const found = await loadAuthorityIndicators(db, run.edition.id, { authorityIds: [authority.id] });
  const [indicators] = found;
  if (!indicators) {
    throw new UserError(
      'not_found',
      `${authority.name} (${authorityKindName(authority.kind)} ${authority.code}) n’est pas dans le panel de l’édition ${input.year} (ni site audité, ni évaluation).`,
    );
  }
  return { run, indicators };
}

/** The edition's key facts in French, from its stored aggregates, optionally for one kind. */
export async function editionFindingsOf(
  db: Executor,
  input: { year: number; kind?: AuthorityKind },
): Promise<FindingsSection[]> {
  const run = await editionIndicatorRun(db, input.year);
  const kinds = run.aggregates.kinds.filter((k) => input.kind === undefined || k.kind === input.kind);
  return editionFindings(input.year, kinds);
}

/**
 * The points of a correlation's scatter plot: the authorities of a kind with both values, as
 * stored (the correlation and its regression line are in the run's aggregates).
 */
export async function scatterData(
  db: Executor,
  input: { year: number; kind: AuthorityKind; x: CorrelationX; y: CorrelationY },
): Promise<ScatterPoint[]> {
  return scatterPoints(await listAuthorityIndicators(db, input.year, { kind: input.kind }), input.x, input.y);
}
