/**
 * Where one page's time goes when it is rendered afresh (no page cache): the app over the
 * bench:web edition (run `npm run bench:web` once to build it), one path requested N times in a
 * row after a warm-up, profiled through the inspector (bench/cpu-profile.ts).
 *
 *   npx tsx bench/web-profile.ts [--path /collectivites/commune/01001] [--requests 50]
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.ts';
import { openSqlite } from '../src/db/database.ts';
import { outboxMailer } from '../src/mail/mailer.ts';
import { openServerJobs } from '../src/main/jobs.ts';
import { buildWebServices } from '../src/main/web.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { createWebApp } from '../src/web/app.ts';
import { loadStylesheet } from '../src/web/assets/stylesheet.ts';
import { startProfiler, summarise } from './cpu-profile.ts';

const { values } = parseArgs({
  options: {
    path: { type: 'string', default: '/collectivites/commune/01001' },
    requests: { type: 'string', default: '50' },
    seed: { type: 'string', default: '2026' },
  },
});
const config = loadConfig({
  BAROMETRE_DATA_DIR: path.join(os.tmpdir(), `barometre-bench-web-${values.seed}`),
});
const database = openSqlite(config.sqlitePath);
const mailer = outboxMailer(path.join(config.dataDir, 'outbox'), config.mailFrom, () => new Date());
const jobs = await openServerJobs(config, database, mailer);
const app = createWebApp({
  services: buildWebServices(database, { mailer, jobs: jobs.queue }),
  stylesheet: await loadStylesheet({ cacheDir: path.join(config.dataDir, 'cache') }),
  logger: silentLogger,
  tls: { tls: false, trustProxy: false },
  version: 'bench',
});
const url = `http://127.0.0.1${values.path}`;
const get = async () => {
  const response = await app.request(url, { headers: { 'accept-encoding': 'gzip' } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${values.path} answered ${response.status}`);
};
for (let i = 0; i < 5; i++) await get();
const n = Number(values.requests);
const profiler = await startProfiler();
const started = performance.now();
for (let i = 0; i < n; i++) await get();
const ms = (performance.now() - started) / n;
const profile = await profiler.stop(path.join(os.tmpdir(), 'bench-web.cpuprofile'));
console.log(`${values.path}: ${ms.toFixed(1)} ms a request (${n} in a row)`);
console.log(JSON.stringify(summarise(profile), null, 1).slice(0, 6000));
await jobs.close();
await database.close();
