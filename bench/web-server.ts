/**
 * The server side of bench:web, in a process of its own so that autocannon (in the parent) and the
 * server do not share an event loop. `--mode app` serves Baromètre exactly as `barometre serve`
 * does (src/main/web.ts) over the benchmark's SQLite file, with its page cache or, with
 * `--page-cache off`, rendering every request; `--mode floor` serves a constant string
 * through the same stack: @hono/node-server, Hono and the middleware every answer of the app goes
 * through, a page cache hit included (request log, security headers). Both log every request as
 * JSON, into a sink, so that the cost of a log line is in both. It sends `{ url }` to the parent when listening.
 */
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { loadConfig } from '../src/config/config.ts';
import { openSqlite } from '../src/db/database.ts';
import { startWebServer } from '../src/main/web.ts';
import { createJsonLogger } from '../src/shared/logger.ts';
import { requestLog } from '../src/web/middleware/request-log.ts';
import { securityHeaders } from '../src/web/middleware/security-headers.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'app' },
    'data-dir': { type: 'string' },
    'page-cache': { type: 'string', default: 'on' },
  },
});
const logger = createJsonLogger({ write: () => true });
const send = (message: object) => process.send?.(message);

if (values.mode === 'floor') {
  const app = new Hono();
  app.use('*', requestLog(logger));
  app.use('*', securityHeaders({ tls: false, trustProxy: false }));
  app.get('*', (c) => c.text('Baromètre'));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    send({ url: `http://127.0.0.1:${info.port}` }),
  );
  process.on('disconnect', () => server.close());
} else {
  const config = loadConfig({ BAROMETRE_DATA_DIR: values['data-dir'] });
  const database = openSqlite(config.sqlitePath);
  const server = await startWebServer({
    config,
    database,
    logger,
    version: 'bench',
    port: 0,
    hostname: '127.0.0.1',
    pageCache: values['page-cache'] !== 'off',
  });
  send({ url: server.url.replace('localhost', '127.0.0.1') });
  process.on('disconnect', async () => {
    await server.close(1_000);
    await database.close();
  });
}
