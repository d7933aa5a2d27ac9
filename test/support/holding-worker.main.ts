import { openPostgres } from '../../src/db/database.ts';
import type { JobEnvironment } from '../../src/jobs/job.types.ts';
import { createPgBossQueue } from '../../src/jobs/pg-boss-queue.ts';
import { holdingDefinitions } from './holding-job.ts';

// Run by test/support/dying-worker.ts: `node --import tsx holding-worker.main.ts <database url>`.
const url = process.argv[2];
if (!url) throw new Error('usage: holding-worker.main.ts <database url>');
const database = openPostgres(url);
// The holding job uses nothing of its environment but the database (its dead letters, if any).
const env = { db: database.db, now: () => new Date() } as JobEnvironment;
const queue = await createPgBossQueue(
  holdingDefinitions((id) => process.stdout.write(`holding ${id}\n`)),
  () => env,
  { url, heartbeatSeconds: 10, pollingSeconds: 0.2 },
);
await queue.work(['mail-batch'], { concurrency: 1 });
process.stdout.write('ready\n');
