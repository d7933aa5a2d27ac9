import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import {
  createRoleUsers,
  TEST_PASSWORD,
  type WebClient,
  webClient,
} from '../../../test/support/web-client.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { logChange } from '../../audit-log/audit-log.repository.ts';
import { clientAddress } from '../session/client-address.ts';
import { setSessionCookie } from '../session/session.ts';
import { auditLogCsv } from './audit-log-csv.ts';

describe.each(TEST_ENGINES)('back office over HTTP (%s)', (engine) => {
  let world: WebWorld;
  let admin: WebClient;
  beforeAll(async () => {
    world = await createWebWorld(engine);
    const users = await createRoleUsers(world.db, world.ids.ain);
    const at = new Date('2026-03-01T10:00:00Z');
    for (let i = 1; i <= 60; i += 1) {
      await logChange(
        world.db,
        {
          actor: i === 60 ? '=HYPERLINK("http://evil")' : 'cli',
          action: 'test_change',
          entity: 'thing',
          entityId: i,
          after: { note: i === 59 ? '<b>gras</b>' : `n°${i}` },
        },
        new Date(at.getTime() + i * 1000),
      );
    }
    admin = webClient(world.app);
    expect((await admin.signIn(users.admin.email, TEST_PASSWORD)).status).toBe(303);
  });
  afterAll(() => world?.close());

  it('shows the administrator their name, role and only the pages built for their role', async () => {
    const html = await (await admin.get('/admin')).text();
    expect(html).toContain('Alice Admin');
    expect(html).toContain('administrateur');
    expect(html).toContain('href="/admin/journal"');
  });

  it('lists the audit log newest first, 50 a page, with a link to older changes', async () => {
    const first = await (await admin.get('/admin/journal')).text();
    const ids = [...first.matchAll(/>thing (\d+)</g)].map((m) => Number(m[1]));
    expect(ids.length).toBe(50);
    expect(ids[0]).toBe(60);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(first).toContain('&lt;b&gt;gras&lt;/b&gt;');
    const older = /href="(\/admin\/journal\?avant=\d+)"/.exec(first)?.[1];
    expect(older).toBeDefined();
    const second = await (await admin.get(older as string)).text();
    const rest = [...second.matchAll(/>thing (\d+)</g)].map((m) => Number(m[1]));
    expect(rest[0]).toBe((ids.at(-1) as number) - 1);
    expect(second).not.toMatch(/avant=\d+"/);
    expect(second).toContain('Changements les plus récents');
    const bad = await admin.get('/admin/journal?avant=abc');
    expect(bad.status).toBe(400);
  });

  it('exports the whole log as CSV, formulas defused', async () => {
    const response = await admin.get('/admin/journal.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('journal-audit.csv');
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toBe('id,at,actor,action,entity,entity_id,before,after');
    // 60 test changes and the 3 accounts' creation.
    expect(lines.length).toBe(1 + 63);
    expect(lines[1]).toContain(`'=HYPERLINK(""http://evil"")`);
  });
});

describe('audit log CSV', () => {
  const row = {
    id: 1,
    at: '2026-01-01T00:00:00.000Z',
    actor: '@SUM(1)',
    action: 'x',
    entity: 'user',
    entity_id: '-3',
    before: null,
    after: '{"a":"b,c"}',
  };
  it('writes a header only on the first batch and quotes commas', () => {
    expect(auditLogCsv([row], true)).toBe(
      `id,at,actor,action,entity,entity_id,before,after\n1,2026-01-01T00:00:00.000Z,'@SUM(1),x,user,'-3,,"{""a"":""b,c""}"\n`,
    );
    expect(auditLogCsv([row], false).startsWith('1,')).toBe(true);
  });
});

describe('session cookie and client address', () => {
  const probe = (tls: boolean, trustProxy: boolean) => {
    const app = new Hono();
    app.get('/', (c) => {
      setSessionCookie(c, { tls, trustProxy }, 'token', new Date(Date.now() + 3_600_000));
      return c.text(clientAddress(c, trustProxy));
    });
    return (headers: Record<string, string> = {}) =>
      app.request('/', { headers }, { incoming: { socket: { remoteAddress: '192.0.2.1' } } });
  };

  it('is Secure when the config says TLS, or a trusted proxy says https, and not otherwise', async () => {
    const cookie = async (tls: boolean, trust: boolean, headers?: Record<string, string>) =>
      (await probe(tls, trust)(headers)).headers.get('set-cookie') ?? '';
    expect(await cookie(true, false)).toMatch(/barometre_session=token;.*Secure/);
    expect(await cookie(false, true, { 'x-forwarded-proto': 'https' })).toMatch(/Secure/);
    expect(await cookie(false, false, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
    expect(await cookie(false, false)).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('takes the connection address, or the last X-Forwarded-For entry behind a trusted proxy', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.5, 198.51.100.2' };
    expect(await (await probe(false, false)(forwarded)).text()).toBe('192.0.2.1');
    expect(await (await probe(false, true)(forwarded)).text()).toBe('198.51.100.2');
    expect(await (await probe(false, true)()).text()).toBe('192.0.2.1');
  });
});
