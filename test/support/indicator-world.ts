import type { Kysely } from 'kysely';
import { appendAssessments } from '../../src/assessments/assessments.repository.ts';
import type { AuthorityKind, Schema } from '../../src/db/schema.ts';
import type { IndicatorMethod } from '../../src/indicators/method.ts';
import type { DigitalisationLevel } from '../../src/referential/levels.ts';

export { createEditionRow } from './editions.ts';

/**
 * A small edition whose indicators are computed by hand in the tests (indicators.service.test.ts
 * and the CLI test): two referential versions of four services over three themes, a few
 * départements with and without website, population, audit, and a commune exercising the
 * départements' competences too (like Paris).
 */

export const T0 = new Date('2026-11-21T10:00:00Z');

/** The shipped method 2026.1, written out so that pure tests do not read files. */
export const METHOD_2026_1: IndicatorMethod = {
  version: '2026.1',
  index: {
    weights: { end_to_end: 40, digitalised: 25, themes_covered: 20, portal_quality: 15 },
    decimals: 1,
  },
  portal: { points: { pass: 1, warn: 0.5, fail: 0 } },
  distribution: { bin_width: 10, more_than: [50], fewer_than: [10, 20] },
};

const THEMES = [
  { key: 'solidarites', name: 'Solidarités', appliesTo: ['departement'] },
  { key: 'emploi', name: 'Emploi & Insertion', appliesTo: ['departement'] },
  { key: 'etat-civil', name: 'État civil', appliesTo: ['commune'] },
] as const;

const SERVICES = [
  { key: 's1', theme: 'solidarites', appliesTo: ['departement'] },
  { key: 's2', theme: 'solidarites', appliesTo: ['departement'] },
  { key: 's3', theme: 'emploi', appliesTo: ['departement'] },
  { key: 's4', theme: 'etat-civil', appliesTo: ['commune'] },
] as const;

export type ServiceKey = (typeof SERVICES)[number]['key'];

/** Stores a referential version; returns its service ids by key. */
export async function createReferential(
  db: Kysely<Schema>,
  version: string,
): Promise<Record<ServiceKey, number>> {
  await db
    .insertInto('referential_versions')
    .values({ version, checksum: version, loaded_at: T0.toISOString() })
    .execute();
  await db
    .insertInto('themes')
    .values(
      THEMES.map((t, position) => ({
        referential_version: version,
        key: t.key,
        name: t.name,
        description: '',
        applies_to: JSON.stringify(t.appliesTo),
        position,
      })),
    )
    .execute();
  const ids = {} as Record<ServiceKey, number>;
  for (const [position, s] of SERVICES.entries()) {
    const { id } = await db
      .insertInto('services')
      .values({
        referential_version: version,
        key: s.key,
        theme_key: s.theme,
        name: `Service ${s.key}`,
        description: '',
        applies_to: JSON.stringify(s.appliesTo),
        phrases: '[]',
        url_hints: '[]',
        position,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[s.key] = id;
  }
  return ids;
}

export async function createPanelAuthority(
  db: Kysely<Schema>,
  input: {
    kind: AuthorityKind;
    code: string;
    name: string;
    population: number | null;
    competences?: string[];
    website?: string;
    revenues?: Record<number, number>;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('authorities')
    .values({
      kind: input.kind,
      code: input.code,
      siren: null,
      name: input.name,
      region_code: null,
      departement_code: input.kind === 'departement' ? input.code : null,
      epci_siren: null,
      council_id: null,
      competences: JSON.stringify(input.competences ?? [input.kind]),
      population: input.population,
      population_year: input.population === null ? null : 2023,
      status_note: null,
      created_at: T0.toISOString(),
      updated_at: T0.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.website) {
    await db
      .insertInto('authority_websites')
      .values({
        authority_id: id,
        url: input.website,
        source: 'test',
        added_at: T0.toISOString(),
        retired_at: null,
      })
      .execute();
  }
  for (const [year, revenue] of Object.entries(input.revenues ?? {})) {
    await db
      .insertInto('authority_finances')
      .values({
        authority_id: id,
        year: Number(year),
        operating_revenue: revenue,
        source: 'test',
        imported_at: T0.toISOString(),
      })
      .execute();
  }
  return id;
}

/** An audited site of an edition shared by `authorityIds`, with portal check outcomes. */
export async function createAuditedSite(
  db: Kysely<Schema>,
  input: {
    editionId: number;
    authorityIds: number[];
    url: string;
    outcomes: ('pass' | 'warn' | 'fail' | 'unknown')[];
  },
): Promise<number> {
  const run = await db
    .insertInto('audit_runs')
    .values({
      edition_id: input.editionId,
      status: 'completed',
      options: '{}',
      started_at: T0.toISOString(),
      finished_at: T0.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const site = await db
    .insertInto('audit_sites')
    .values({
      run_id: run.id,
      start_url: input.url,
      status: 'done',
      summary: null,
      error: null,
      started_at: null,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('audit_site_authorities')
    .values(input.authorityIds.map((authority_id) => ({ site_id: site.id, authority_id })))
    .execute();
  if (input.outcomes.length > 0) {
    await db
      .insertInto('portal_checks')
      .values(
        input.outcomes.map((outcome, i) => ({
          site_id: site.id,
          key: `check_${i}`,
          outcome,
          value: null,
          summary: '',
          details: '{}',
          evidence: '[]',
        })),
      )
      .execute();
  }
  return site.id;
}

/** Current levels for one authority (an analyst's assessments, appended to any earlier ones). */
export async function assess(
  db: Kysely<Schema>,
  editionId: number,
  authorityId: number,
  levels: Partial<Record<number, DigitalisationLevel>>,
): Promise<void> {
  await appendAssessments(
    db,
    Object.entries(levels).map(([serviceId, level]) => ({
      editionId,
      authorityId,
      serviceId: Number(serviceId),
      level: level as DigitalisationLevel,
      source: 'analyst' as const,
      reviewer: 'analyste@example.fr',
    })),
    T0,
  );
}
