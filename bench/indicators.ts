/**
 * Indicators benchmark (issue « Assessments and indicators », item 6): a full-scale edition — every
 * authority of France × the services that apply to it, about 3.4 million assessments with the
 * shipped referential — recomputed in full on SQLite and on PostgreSQL, next to the floor: one bare
 * SQL aggregate over the same current assessments (count per authority and level).
 *
 *   npm run bench:indicators [-- --runs 3 --seed 2026 --engines sqlite,postgres]
 *
 * PostgreSQL: BAROMETRE_BENCH_DATABASE_URL names a server (a scratch database is created on it and
 * dropped after); without it, a throwaway cluster is started with Debian's PostgreSQL 15 binaries
 * when they are installed. Figures are medians of --runs; the last line sums up:
 *   bench:indicators compute_s=… floor_s=… ratio=… target=met|missed
 * (the slower engine's figures). Target: compute under 10 s and within 3 × the floor on both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { type Database, openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { computeEditionIndicators } from '../src/indicators/indicators.service.ts';
import { generateEdition } from './indicators-edition.ts';
import { type ScratchPostgres, scratchPostgres } from './scratch-postgres.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '2026' },
    engines: { type: 'string', default: 'sqlite,postgres' },
  },
});
const runs = Math.max(1, Number(values.runs));
const engines = (values.engines ?? '').split(',').filter((e) => e === 'sqlite' || e === 'postgres');

const TARGET_SECONDS = 10;
const TARGET_RATIO = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

interface EngineResult {
  engine: string;
  computeMs: number;
  floorMs: number;
}

async function measure(engine: string, database: Database): Promise<EngineResult> {
  await migrateToLatest(database.db);
  let editionId = 0;
  const generation = await timed(async () => {
    const edition = await generateEdition(database, Number(values.seed));
    editionId = edition.editionId;
    console.log(
      `  edition: ${edition.authorities.toLocaleString('fr-FR')} authorities, ${edition.assessments.toLocaleString('fr-FR')} assessments (+${edition.superseded.toLocaleString('fr-FR')} superseding reviews)`,
    );
  });
  // Generating leaves some 360 MB of garbage behind; a recompute runs in a CLI or worker process
  // that never held it. Collected here (the npm script passes --expose-gc), the runs do not pay
  // for it in their garbage collections.
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`  generated in ${seconds(generation)} s`);
  if (database.engine === 'postgres') {
    // A server that has just taken 3.4 million rows runs autovacuum over them for a while; a
    // live installation, whose assessments arrive over weeks of crawling, has long settled.
    // Vacuuming here measures that settled state instead of a race with autovacuum.
    await sql`vacuum analyze`.execute(database.db);
  }
  const floors: number[] = [];
  const computes: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const floorMs = await timed(() =>
      sql`select authority_id, level, count(*) as n from current_assessments where edition_id = ${editionId} group by authority_id, level`.execute(
        database.db,
      ),
    );
    let authorities = 0;
    const computeMs = await timed(async () => {
      authorities = (await computeEditionIndicators(database.db, { year: 2026 }, new Date())).authorities;
    });
    floors.push(floorMs);
    computes.push(computeMs);
    console.log(
      `  run ${run}: compute ${seconds(computeMs)} s (${authorities.toLocaleString('fr-FR')} authorities), floor ${seconds(floorMs)} s, ratio ${(computeMs / floorMs).toFixed(2)}`,
    );
  }
  return { engine, computeMs: median(computes), floorMs: median(floors) };
}

const load = os.loadavg();
const cpus = os.cpus();
console.log(
  `machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, Node ${process.version}; load average ${load.map((l) => l.toFixed(1)).join(' ')}`,
);
if ((load[0] ?? 0) > cpus.length) console.log('  warning: the machine is busy: times will be long');

const results: EngineResult[] = [];
for (const engine of engines) {
  console.log(`\n${engine}`);
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-indicators-'));
    const database = openSqlite(path.join(dir, 'bench.sqlite'));
    try {
      results.push(await measure(engine, database));
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else {
    let server: ScratchPostgres | undefined;
    try {
      server = await scratchPostgres(process.env.BAROMETRE_BENCH_DATABASE_URL);
      console.log(`  server: ${server.description}`);
      results.push(await measure(engine, server.database));
    } catch (error) {
      console.log(`  not measured: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await server?.close();
    }
  }
}

console.log('\nsummary (medians)');
for (const r of results) {
  console.log(
    `  ${r.engine.padEnd(8)} compute ${seconds(r.computeMs)} s, floor ${seconds(r.floorMs)} s, ratio ${(r.computeMs / r.floorMs).toFixed(2)}`,
  );
}
const met =
  results.length === engines.length &&
  results.every((r) => r.computeMs < TARGET_SECONDS * 1000 && r.computeMs / r.floorMs <= TARGET_RATIO);
const worst = [...results].sort((a, b) => b.computeMs / b.floorMs - a.computeMs / a.floorMs)[0];
console.log(
  `bench:indicators compute_s=${worst ? seconds(worst.computeMs) : 'NaN'} floor_s=${worst ? seconds(worst.floorMs) : 'NaN'} ratio=${worst ? (worst.computeMs / worst.floorMs).toFixed(2) : 'NaN'} target=${met ? 'met' : 'missed'}`,
);
