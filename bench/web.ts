/**
 * Web benchmark (issue « Public website and API », item 7): the site serving the full-France
 * edition of the indicators benchmark (bench/indicators-edition.ts: every authority of France,
 * about 3.4 million assessments, indicators computed once) from SQLite, loaded by autocannon on
 * 127.0.0.1 with 50 connections, page by page: the home page, the communes' ranking by index at
 * page 100, a commune's scorecard, the API's list of communes. In the same run, the floor: the same
 * server stack answering a constant string (bench/web-server.ts).
 *
 *   npm run bench:web [-- --duration 10 --seed 2026 --fresh]
 *
 * The edition takes about a minute to generate and compute: it is kept between runs under the
 * system's temporary directory (--fresh rebuilds it). Each target is warmed up, then measured,
 * with the server's page cache (as `barometre serve` runs) and without it (every request rendered).
 * Target: scorecard and API p99 under 50 ms and at least 1 000 requests/s each (on 2 cores). The
 * last line: bench:web req_s=<the slower of scorecard and API> floor_req_s=… ratio=floor/figure …
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/config.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { computeEditionIndicators } from '../src/indicators/indicators.service.ts';
import { generateEdition } from './indicators-edition.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    seed: { type: 'string', default: '2026' },
    fresh: { type: 'boolean', default: false },
  },
});
const duration = Math.max(1, Number(values.duration));
const CONNECTIONS = 50;
const TARGET_P99_MS = 50;
const TARGET_REQ_S = 1_000;

/** What is measured, and whether it counts towards the target. */
const TARGETS = [
  { name: 'home', path: '/', gated: false },
  { name: 'rankings', path: '/classements?categorie=commune&tri=indice&page=100', gated: false },
  // A small commune: its peer group (communes of its stratum) is one of the largest.
  { name: 'scorecard', path: '/collectivites/commune/01001', gated: true },
  { name: 'api', path: '/api/v1/territories?kind=commune', gated: true },
] as const;

/** Browsers ask for compressed answers; so does the benchmark, as the app compresses. */
const HEADERS = { 'accept-encoding': 'gzip', 'accept-language': 'fr-FR' };

async function prepareDataDir(): Promise<string> {
  const dataDir = path.join(os.tmpdir(), `barometre-bench-web-${values.seed}`);
  const ready = path.join(dataDir, 'ready');
  if (values.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  if (fs.existsSync(ready)) {
    console.log(`edition: reused from ${dataDir} (--fresh to rebuild)`);
    return dataDir;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const started = performance.now();
  const database = openSqlite(loadConfig({ BAROMETRE_DATA_DIR: dataDir }).sqlitePath);
  try {
    await migrateToLatest(database.db);
    const edition = await generateEdition(database, Number(values.seed));
    const computed = await computeEditionIndicators(database.db, { year: 2026 }, new Date());
    console.log(
      `edition: ${edition.authorities.toLocaleString('fr-FR')} authorities, ${edition.assessments.toLocaleString('fr-FR')} assessments, indicators of ${computed.authorities.toLocaleString('fr-FR')} authorities, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await database.close();
  }
  fs.writeFileSync(ready, new Date().toISOString());
  return dataDir;
}

interface Server {
  url: string;
  child: ChildProcess;
}

function startServer(args: string[]): Promise<Server> {
  const child = fork(path.join(import.meta.dirname, 'web-server.ts'), args, {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_WEB_CPU_PROF ? ['--cpu-prof'] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ url: (message as { url: string }).url, child }));
    child.once('exit', (code) => reject(new Error(`web-server exited with code ${code}`)));
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.disconnect();
    setTimeout(() => server.child.kill(), 5_000).unref();
  });
}

interface Measure {
  name: string;
  bytes: number;
  reqS: number;
  p50: number;
  p99: number;
  failures: number;
}

async function load(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: HEADERS });
}

async function measure(name: string, url: string): Promise<Measure> {
  const probe = await fetch(url, { headers: HEADERS });
  const body = await probe.arrayBuffer();
  if (probe.status !== 200) throw new Error(`${url} answered ${probe.status}`);
  await load(url, Math.min(3, duration));
  const result = await load(url, duration);
  return {
    name,
    bytes: body.byteLength,
    reqS: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

const load1 = os.loadavg()[0] ?? 0;
const cpus = os.cpus();
console.log(
  `machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, Node ${process.version}; load average ${load1.toFixed(1)}`,
);
if (load1 > cpus.length) console.log('  warning: the machine is busy: figures will be low');

const dataDir = await prepareDataDir();
const results: Measure[] = [];
// The floor is measured again before each page of the cached run, on a server kept running, so that
// a change of load on this shared machine moves both alike; its median is the baseline.
const floorServer = await startServer(['--mode', 'floor']);
const floors: Measure[] = [];
const uncached: Measure[] = [];
try {
  for (const [cache, into] of [
    ['on', results],
    ['off', uncached],
  ] as const) {
    const app = await startServer(['--mode', 'app', '--data-dir', dataDir, '--page-cache', cache]);
    try {
      for (const target of TARGETS) {
        if (cache === 'on') floors.push(await measure('floor', `${floorServer.url}/`));
        into.push(await measure(target.name, `${app.url}${target.path}`));
      }
    } finally {
      await stopServer(app);
    }
  }
} finally {
  await stopServer(floorServer);
}
const floor = [...floors].sort((a, b) => a.reqS - b.reqS)[Math.floor(floors.length / 2)] as Measure;

const row = (m: Measure) =>
  `  ${m.name.padEnd(10)} ${m.reqS.toFixed(0).padStart(7)} req/s  p50 ${String(m.p50).padStart(4)} ms  p99 ${String(m.p99).padStart(4)} ms  ${(m.bytes / 1024).toFixed(1).padStart(6)} KiB  floor/page ${(floor.reqS / m.reqS).toFixed(1).padStart(5)}${m.failures ? `  ${m.failures} failures` : ''}`;
console.log(`\n${CONNECTIONS} connections, ${duration} s each after a warm-up`);
console.log(`${row(floor)}  (median of ${floors.map((f) => f.reqS.toFixed(0)).join(', ')})`);
for (const m of results) console.log(row(m));
console.log('without the page cache (every request rendered; edition-wide reads still memoised):');
for (const m of uncached) console.log(row(m));

const gated = results.filter((m) => TARGETS.find((t) => t.name === m.name)?.gated);
const slowest = gated.reduce((a, b) => (b.reqS < a.reqS ? b : a));
const worstP99 = Math.max(...gated.map((m) => m.p99));
const met =
  gated.every((m) => m.p99 < TARGET_P99_MS && m.reqS >= TARGET_REQ_S && m.failures === 0) &&
  results.every((m) => m.failures === 0);
console.log(
  `gated (scorecard, API): slowest ${slowest.name} ${slowest.reqS.toFixed(0)} req/s, worst p99 ${worstP99} ms (target ≥ ${TARGET_REQ_S} req/s, p99 < ${TARGET_P99_MS} ms)`,
);
console.log(
  `bench:web req_s=${slowest.reqS.toFixed(0)} floor_req_s=${floor.reqS.toFixed(0)} ratio=${(floor.reqS / slowest.reqS).toFixed(2)} target=${met ? 'met' : 'missed'}`,
);
