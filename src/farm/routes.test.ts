import { describe, expect, it } from 'vitest';
import { type FarmResponse, type HostRoutes, resolveRequest, withoutSessionIds } from './routes.ts';

const page = (text: string): FarmResponse => ({
  status: 200,
  headers: { 'content-type': 'text/html' },
  body: [Buffer.from(text)],
});

function host(overrides: Partial<HostRoutes>): HostRoutes {
  return {
    host: 'www.exemple.test',
    siteCode: '01',
    https: true,
    http: 'serve',
    responses: new Map([
      ['/', page('accueil')],
      ['/liste?page=2', page('page 2')],
    ]),
    notFound: { status: 404, headers: {}, body: [] },
    session: null,
    securityHeaders: { 'strict-transport-security': 'max-age=1', 'x-frame-options': 'DENY' },
    ...overrides,
  };
}

function status(
  routes: HostRoutes[],
  scheme: 'http' | 'https',
  hostName: string,
  target: string,
): number | string {
  const resolved = resolveRequest(new Map(routes.map((route) => [route.host, route])), {
    scheme,
    host: hostName,
    target,
  });
  return resolved.kind === 'response' ? resolved.response.status : resolved.kind;
}

describe('withoutSessionIds', () => {
  it('drops ;jsessionid from the path and PHPSESSID from the query, keeping the rest in order', () => {
    expect(withoutSessionIds('/a/b;jsessionid=ABC123?x=1')).toBe('/a/b?x=1');
    expect(withoutSessionIds('/liste?page=2&PHPSESSID=F00')).toBe('/liste?page=2');
    expect(withoutSessionIds('/liste?PHPSESSID=F00&page=2')).toBe('/liste?page=2');
    expect(withoutSessionIds('/?PHPSESSID=F00')).toBe('/');
  });
});

describe('resolveRequest', () => {
  it('routes by host, ignoring the port, and answers unknown hosts apart', () => {
    expect(status([host({})], 'https', 'www.exemple.test:8443', '/')).toBe(200);
    expect(status([host({})], 'https', 'WWW.EXEMPLE.TEST', '/liste?page=2')).toBe(200);
    expect(status([host({})], 'https', 'www.exemple.test', '/absente')).toBe(404);
    expect(status([host({})], 'https', 'autre.test', '/')).toBe('unknown_host');
  });

  it('redirects http to https when the site does, and aliases to their main origin', () => {
    const routes = [
      host({ http: 'redirect-https' }),
      host({ host: 'exemple.test', redirectOrigin: 'https://www.exemple.test', responses: new Map() }),
    ];
    const toHttps = resolveRequest(new Map(routes.map((route) => [route.host, route])), {
      scheme: 'http',
      host: 'www.exemple.test',
      target: '/liste?page=2',
    });
    expect(toHttps.kind === 'response' && toHttps.response.headers.location).toBe(
      'https://www.exemple.test/liste?page=2',
    );
    const alias = resolveRequest(new Map(routes.map((route) => [route.host, route])), {
      scheme: 'https',
      host: 'exemple.test',
      target: '/',
    });
    expect(alias.kind === 'response' && alias.response.headers.location).toBe('https://www.exemple.test/');
  });

  it('sends HSTS over https only', () => {
    const routes = new Map([['www.exemple.test', host({})]]);
    const overHttp = resolveRequest(routes, { scheme: 'http', host: 'www.exemple.test', target: '/' });
    const overHttps = resolveRequest(routes, { scheme: 'https', host: 'www.exemple.test', target: '/' });
    expect(overHttp.kind === 'response' && Object.keys(overHttp.headers)).toEqual(['x-frame-options']);
    expect(overHttps.kind === 'response' && Object.keys(overHttps.headers)).toContain(
      'strict-transport-security',
    );
  });

  it('serves session-id URLs as the page without them, and refuses endless URLs', () => {
    expect(status([host({ session: 'jsessionid' })], 'https', 'www.exemple.test', '/;jsessionid=AB12')).toBe(
      200,
    );
    expect(
      status([host({ session: 'phpsessid' })], 'https', 'www.exemple.test', '/liste?page=2&PHPSESSID=9'),
    ).toBe(200);
    expect(status([host({})], 'https', 'www.exemple.test', `/liste?${'tri=date&'.repeat(300)}`)).toBe(414);
  });
});
