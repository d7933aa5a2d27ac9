import { describe, expect, it } from 'vitest';
import { CrawlFetchError } from './fetch-outcome.ts';
import type { FetchFailure, RawResponse } from './http-client.ts';
import { MAX_CRAWL_DELAY_MS, parseRobots, robotsPolicyFrom, robotsUrlFor } from './robots.ts';

const ROBOTS = 'https://www.ville.fr/robots.txt';
const TOKEN = 'BarometreBot';

function response(httpStatus: number, body = ''): RawResponse {
  return {
    ok: true,
    url: ROBOTS,
    finalUrl: ROBOTS,
    redirectChain: [],
    httpStatus,
    headers: {},
    contentType: 'text/plain',
    elapsedMs: 1,
    body: Buffer.from(body),
    bytes: body.length,
    redirectRefused: null,
  };
}

function failure(error: unknown): FetchFailure {
  return {
    ok: false,
    url: ROBOTS,
    finalUrl: ROBOTS,
    redirectChain: [],
    httpStatus: null,
    headers: {},
    contentType: null,
    elapsedMs: 1,
    error,
  };
}

describe('parseRobots', () => {
  const text = [
    'User-agent: *',
    'Disallow: /admin/',
    'Crawl-delay: 1',
    '',
    'User-agent: BarometreBot',
    'Disallow: /recherche',
    'Allow: /recherche/aide',
    'Crawl-delay: 2.5',
    '',
    'Sitemap: https://www.ville.fr/sitemap_index.xml',
  ].join('\n');

  it('applies the group of our token rather than *', () => {
    const policy = parseRobots(ROBOTS, text, TOKEN);
    expect(policy.isAllowed('https://www.ville.fr/admin/')).toBe(true);
    expect(policy.isAllowed('https://www.ville.fr/recherche?q=x')).toBe(false);
    expect(policy.isAllowed('https://www.ville.fr/recherche/aide')).toBe(true);
  });

  it('falls back to the * group', () => {
    const policy = parseRobots(ROBOTS, 'User-agent: *\nDisallow: /prive', TOKEN);
    expect(policy.isAllowed('https://www.ville.fr/prive/x')).toBe(false);
    expect(policy.isAllowed('https://www.ville.fr/public')).toBe(true);
  });

  it('reads Crawl-delay in milliseconds', () => {
    expect(parseRobots(ROBOTS, text, TOKEN).crawlDelayMs).toBe(2500);
  });

  it('caps Crawl-delay', () => {
    expect(parseRobots(ROBOTS, 'User-agent: *\nCrawl-delay: 120', TOKEN).crawlDelayMs).toBe(
      MAX_CRAWL_DELAY_MS,
    );
  });

  it('lists sitemaps', () => {
    expect(parseRobots(ROBOTS, text, TOKEN).sitemaps).toEqual(['https://www.ville.fr/sitemap_index.xml']);
  });

  it('allows everything with an empty file', () => {
    const policy = parseRobots(ROBOTS, '', TOKEN);
    expect(policy.isAllowed('https://www.ville.fr/x')).toBe(true);
    expect(policy.crawlDelayMs).toBeNull();
  });
});

describe('robotsPolicyFrom', () => {
  it('parses a 200', () => {
    const policy = robotsPolicyFrom(ROBOTS, response(200, 'User-agent: *\nDisallow: /'), TOKEN);
    expect(policy.state).toBe('parsed');
    expect(policy.isAllowed('https://www.ville.fr/')).toBe(false);
  });

  it.each([404, 410, 401, 403])('allows everything on %i', (status) => {
    const policy = robotsPolicyFrom(ROBOTS, response(status), TOKEN);
    expect(policy).toMatchObject({ state: 'missing', fetchStatus: null });
    expect(policy.isAllowed('https://www.ville.fr/')).toBe(true);
  });

  it.each([500, 503, 429])('disallows everything on %i', (status) => {
    const policy = robotsPolicyFrom(ROBOTS, response(status), TOKEN);
    expect(policy.state).toBe('unavailable');
    expect(policy.isAllowed('https://www.ville.fr/')).toBe(false);
    expect(policy.detail).toContain(String(status));
  });

  it('disallows everything on a timeout', () => {
    const policy = robotsPolicyFrom(ROBOTS, failure(new CrawlFetchError('ERR_REQUEST_TIMEOUT', 'x')), TOKEN);
    expect(policy).toMatchObject({ state: 'unavailable', fetchStatus: 'timeout' });
  });

  it('marks the host unreachable on a DNS error, keeping the status', () => {
    const error = Object.assign(new Error('x'), { code: 'ENOTFOUND' });
    const policy = robotsPolicyFrom(ROBOTS, failure(error), TOKEN);
    expect(policy).toMatchObject({ state: 'unreachable', fetchStatus: 'dns_error' });
    expect(policy.isAllowed('https://www.ville.fr/')).toBe(false);
  });

  it('allows everything when robots.txt redirects in a loop', () => {
    const policy = robotsPolicyFrom(ROBOTS, failure(new CrawlFetchError('ERR_REDIRECT_LOOP', 'x')), TOKEN);
    expect(policy.state).toBe('missing');
  });
});

describe('robotsUrlFor', () => {
  it('is at the root of the origin', () => {
    expect(robotsUrlFor('https://www.ville.fr:8443/a/b?c')).toBe('https://www.ville.fr:8443/robots.txt');
  });
});
