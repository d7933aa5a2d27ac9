import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { isSqlite } from '../src/db/dialect.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { createEdition } from '../src/editions/editions.service.ts';
import { defaultReferentialRoot, loadReferential } from '../src/referential/referential.loader.ts';
import { storeReferential } from '../src/referential/referential.repository.ts';
import { importTerritories } from '../src/territories/territories.service.ts';

/**
 * A full-scale edition for the indicators benchmark: every authority of France (the real COG:
 * 18 régions, 101 départements, ~1 250 EPCI, ~35 000 communes) with one current assessment per
 * service that applies to it — about two million rows. Levels are drawn from a seeded generator
 * whose odds grow with the log of the population, so correlations have something to find; a few
 * per cent of triples get a second, superseding assessment, so the current view has history to skip.
 */

const REFERENTIAL_VERSION = '2026.1';
const EDITION_YEAR = 2026;

export interface GeneratedEdition {
  editionId: number;
  authorities: number;
  assessments: number;
  superseded: number;
}

/** Deterministic 32-bit generator (mulberry32): the same seed gives the same edition on both engines. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Row {
  authorityId: number;
  serviceId: number;
  level: number;
  confidence: number;
}

export async function generateEdition(database: Database, seed: number): Promise<GeneratedEdition> {
  const { db } = database;
  const now = new Date('2026-11-21T12:00:00Z');
  await importTerritories(db, { now });
  const referential = await loadReferential(path.join(defaultReferentialRoot(), REFERENTIAL_VERSION));
  await storeReferential(db, referential, now);
  const edition = await createEdition(
    db,
    { year: EDITION_YEAR, referentialVersion: REFERENTIAL_VERSION },
    now,
  );

  const authorities = await db
    .selectFrom('authorities')
    .select(['id', 'competences', 'population'])
    .execute();
  const services = (
    await db
      .selectFrom('services')
      .select(['id', 'applies_to'])
      .where('referential_version', '=', REFERENTIAL_VERSION)
      .orderBy('id')
      .execute()
  ).map((s) => ({ id: s.id, appliesTo: JSON.parse(s.applies_to) as string[] }));

  const next = random(seed);
  const rows: Row[] = [];
  for (const authority of authorities) {
    const competences = JSON.parse(authority.competences) as string[];
    // log10 of 50 inhabitants → 0, of 2 million → 1: bigger authorities are likelier to be online.
    const size = Math.min(1, Math.max(0, (Math.log10(authority.population ?? 50) - 1.7) / 4.6));
    const drive = 0.6 * size + 0.4 * next();
    for (const service of services) {
      if (!service.appliesTo.some((kind) => competences.includes(kind))) continue;
      const draw = next() * 0.7 + drive * 0.5;
      const level = draw < 0.35 ? 0 : draw < 0.55 ? 1 : draw < 0.75 ? 2 : draw < 0.9 ? 3 : 4;
      rows.push({
        authorityId: authority.id,
        serviceId: service.id,
        level,
        confidence: Math.round(next() * 100) / 100,
      });
    }
  }
  const createdAt = now.toISOString();
  await insertAssessments(database, edition.id, rows, createdAt);
  // A review pass over 3 % of the triples: the crawler's row is superseded by an analyst's.
  const reviewed = new Set(rows.flatMap((_, index) => (next() < 0.03 ? [index] : [])));
  await supersede(database, edition.id, rows, reviewed, createdAt);
  return {
    editionId: edition.id,
    authorities: new Set(rows.map((row) => row.authorityId)).size,
    assessments: rows.length,
    superseded: reviewed.size,
  };
}

const CHUNK = 50_000;

async function insertAssessments(
  database: Database,
  editionId: number,
  rows: readonly Row[],
  createdAt: string,
) {
  await inTransaction(database.db, async (trx) => {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      if (isSqlite(trx)) {
        // SQLite binds at most 32 766 parameters per statement: 2 000 rows × 6 columns.
        for (let at = 0; at < chunk.length; at += 2_000) {
          await trx
            .insertInto('assessments')
            .values(
              chunk.slice(at, at + 2_000).map((row) => ({
                edition_id: editionId,
                authority_id: row.authorityId,
                service_id: row.serviceId,
                level: row.level,
                confidence: row.confidence,
                source: 'crawler' as const,
                evidence: '{}',
                created_at: createdAt,
              })),
            )
            .execute();
        }
      } else {
        // One statement per chunk: parallel arrays unnested server-side.
        await sql`
          insert into assessments (edition_id, authority_id, service_id, level, confidence, source, evidence, created_at)
          select ${editionId}, a, s, l, c, 'crawler', '{}', ${createdAt}
          from unnest(${chunk.map((r) => r.authorityId)}::int[], ${chunk.map((r) => r.serviceId)}::int[],
                      ${chunk.map((r) => r.level)}::int[], ${chunk.map((r) => r.confidence)}::float8[]) as t(a, s, l, c)
        `.execute(trx);
      }
    }
  });
}

/**
 * Appends an analyst's row superseding the crawler's for each given triple. The crawler's rows
 * were inserted in `rows` order in one transaction on an otherwise idle database, so their ids
 * are consecutive from the edition's first one (checked), which spares a lookup per triple.
 */
async function supersede(
  database: Database,
  editionId: number,
  drawn: readonly Row[],
  reviewed: ReadonlySet<number>,
  createdAt: string,
) {
  const { db } = database;
  const span = await db
    .selectFrom('assessments')
    .select((eb) => [
      eb.fn.min('id').as('first'),
      eb.fn.max('id').as('last'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('edition_id', '=', editionId)
    .executeTakeFirstOrThrow();
  const first = Number(span.first);
  if (Number(span.last) - first + 1 !== drawn.length || Number(span.count) !== drawn.length) {
    throw new Error('assessment ids are not consecutive: cannot derive the superseded ids');
  }
  const rows = drawn.flatMap((row, index) =>
    reviewed.has(index)
      ? [
          {
            edition_id: editionId,
            authority_id: row.authorityId,
            service_id: row.serviceId,
            level: Math.min(4, row.level + 1),
            confidence: null,
            source: 'analyst' as const,
            evidence: '{}',
            reviewer: 'bench@example.fr',
            supersedes_id: first + index,
            created_at: createdAt,
          },
        ]
      : [],
  );
  await inTransaction(db, async (trx) => {
    for (let start = 0; start < rows.length; start += 2_000) {
      await trx
        .insertInto('assessments')
        .values(rows.slice(start, start + 2_000))
        .execute();
    }
  });
}
