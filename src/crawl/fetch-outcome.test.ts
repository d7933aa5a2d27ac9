import { describe, expect, it } from 'vitest';
import {
  CrawlFetchError,
  classifyFetch,
  isHtmlContentType,
  mediaType,
  parseRetryAfter,
  retryDelayMs,
} from './fetch-outcome.ts';

function coded(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyFetch: network errors', () => {
  it.each(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL'])('%s is a dns_error, not retried', (code) => {
    expect(classifyFetch({ error: coded(code) })).toMatchObject({ status: 'dns_error', retryable: false });
  });

  it('EAI_AGAIN (temporary resolver failure) is a dns_error worth retrying', () => {
    expect(classifyFetch({ error: coded('EAI_AGAIN') })).toMatchObject({
      status: 'dns_error',
      retryable: true,
    });
  });

  it('ECONNREFUSED is a connection_error, not retried (nothing listens)', () => {
    expect(classifyFetch({ error: coded('ECONNREFUSED') })).toMatchObject({
      status: 'connection_error',
      retryable: false,
    });
  });

  it.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])('%s (connection reset or closed) is retried', (code) => {
    expect(classifyFetch({ error: coded(code) })).toMatchObject({
      status: 'connection_error',
      retryable: true,
    });
  });

  it.each(['EHOSTUNREACH', 'ENETUNREACH'])('%s is a connection_error, not retried', (code) => {
    expect(classifyFetch({ error: coded(code) })).toMatchObject({
      status: 'connection_error',
      retryable: false,
    });
  });

  it.each([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'EPROTO',
  ])('%s is a tls_error, not retried', (code) => {
    expect(classifyFetch({ error: coded(code) })).toMatchObject({ status: 'tls_error', retryable: false });
  });

  it.each(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'])(
    '%s is a timeout, retried',
    (code) => {
      expect(classifyFetch({ error: coded(code) })).toMatchObject({ status: 'timeout', retryable: true });
    },
  );

  it('an AbortError without code (our request timer) is a timeout', () => {
    const error = new DOMException('This operation was aborted', 'AbortError');
    expect(classifyFetch({ error })).toMatchObject({ status: 'timeout', retryable: true });
  });

  it('a code nested in `cause` (fetch wraps errors in TypeError) is found', () => {
    const error = new TypeError('fetch failed', { cause: coded('ENOTFOUND') });
    expect(classifyFetch({ error }).status).toBe('dns_error');
  });

  it('a code inside an AggregateError (several addresses tried) is found', () => {
    const error = new AggregateError([coded('ECONNREFUSED')], 'all failed');
    expect(classifyFetch({ error }).status).toBe('connection_error');
  });

  it('an HTTP parser error (HPE_*) is a server_error, not retried', () => {
    expect(classifyFetch({ error: coded('HPE_INVALID_HEADER_TOKEN') })).toMatchObject({
      status: 'server_error',
      retryable: false,
    });
  });

  it("undici's max-size error is too_large", () => {
    expect(classifyFetch({ error: coded('UND_ERR_RES_EXCEEDED_MAX_SIZE') }).status).toBe('too_large');
  });

  it('an unknown error is a connection_error with its message, not retried', () => {
    const verdict = classifyFetch({ error: new Error('boom') });
    expect(verdict).toMatchObject({ status: 'connection_error', retryable: false });
    expect(verdict.detail).toContain('boom');
  });

  it('no error and no response is a connection_error', () => {
    expect(classifyFetch({}).status).toBe('connection_error');
  });
});

describe('classifyFetch: failures decided by the crawler', () => {
  it.each([
    ['ERR_SSRF_BLOCKED', 'ssrf_blocked', false],
    ['ERR_TOO_LARGE', 'too_large', false],
    ['ERR_REDIRECT_LOOP', 'redirect_loop', false],
    ['ERR_TOO_MANY_REDIRECTS', 'too_many_redirects', false],
    ['ERR_INVALID_URL', 'invalid_url', false],
    ['ERR_REQUEST_TIMEOUT', 'timeout', true],
  ] as const)('%s becomes %s (retryable: %s) with its message as detail', (code, status, retryable) => {
    expect(classifyFetch({ error: new CrawlFetchError(code, 'détail') })).toEqual({
      status,
      retryable,
      detail: 'détail',
    });
  });

  it('an error wins over an HTTP status (too_large after a 200)', () => {
    expect(classifyFetch({ error: new CrawlFetchError('ERR_TOO_LARGE', 'x'), httpStatus: 200 }).status).toBe(
      'too_large',
    );
  });
});

describe('classifyFetch: HTTP statuses', () => {
  it.each([404, 410])('%i is not_found, not retried', (httpStatus) => {
    expect(classifyFetch({ httpStatus })).toMatchObject({ status: 'not_found', retryable: false });
  });

  it.each([401, 403, 451])('%i is blocked, not retried', (httpStatus) => {
    expect(classifyFetch({ httpStatus })).toMatchObject({ status: 'blocked', retryable: false });
  });

  it('429 is blocked and retried with backoff', () => {
    expect(classifyFetch({ httpStatus: 429 })).toMatchObject({ status: 'blocked', retryable: true });
  });

  it.each([400, 405, 408, 418])('other 4xx (%i) are client_error, not retried', (httpStatus) => {
    expect(classifyFetch({ httpStatus })).toMatchObject({ status: 'client_error', retryable: false });
  });

  it.each([500, 502, 503, 504])('5xx (%i) are server_error, retried', (httpStatus) => {
    expect(classifyFetch({ httpStatus })).toMatchObject({ status: 'server_error', retryable: true });
  });

  it('a 3xx not followed because it leaves the site is redirect_out_of_scope', () => {
    expect(classifyFetch({ httpStatus: 302, redirectRefused: true })).toMatchObject({
      status: 'redirect_out_of_scope',
      retryable: false,
    });
  });

  it('a 3xx left without destination is a server_error, not retried', () => {
    expect(classifyFetch({ httpStatus: 301 })).toMatchObject({ status: 'server_error', retryable: false });
  });

  it('2xx HTML is ok', () => {
    expect(classifyFetch({ httpStatus: 200, contentType: 'text/html; charset=utf-8' })).toEqual({
      status: 'ok',
      retryable: false,
      detail: '',
    });
  });

  it('XHTML is HTML', () => {
    expect(classifyFetch({ httpStatus: 200, contentType: 'application/xhtml+xml' }).status).toBe('ok');
  });

  it.each(['application/pdf', 'image/png', 'application/json', 'text/plain'])(
    '2xx %s is not_html, recorded with its content type',
    (contentType) => {
      expect(classifyFetch({ httpStatus: 200, contentType })).toEqual({
        status: 'not_html',
        retryable: false,
        detail: contentType,
      });
    },
  );

  it('2xx without content type is ok when the body looks like HTML', () => {
    expect(classifyFetch({ httpStatus: 200, contentType: null, looksLikeHtml: true }).status).toBe('ok');
  });

  it('2xx without content type is not_html when the body does not look like HTML', () => {
    expect(classifyFetch({ httpStatus: 200, contentType: null, looksLikeHtml: false }).status).toBe(
      'not_html',
    );
  });
});

describe('retryDelayMs', () => {
  it('doubles with each attempt (random at its lowest gives half the ceiling)', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, () => 0))).toEqual([250, 500, 1000]);
  });

  it('adds up to the other half as jitter', () => {
    expect(retryDelayMs(1, () => 1)).toBe(500);
    expect(retryDelayMs(2, () => 0.5)).toBe(750);
  });

  it('is capped', () => {
    expect(retryDelayMs(20, () => 1, { maxMs: 4000 })).toBe(4000);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-21T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('is null when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('demain', now)).toBeNull();
  });
});

describe('content types', () => {
  it('mediaType drops parameters and lowercases', () => {
    expect(mediaType('Text/HTML; Charset=UTF-8')).toBe('text/html');
    expect(mediaType('')).toBeNull();
  });

  it('isHtmlContentType accepts text/html and xhtml only', () => {
    expect(isHtmlContentType('text/html')).toBe(true);
    expect(isHtmlContentType('text/xml')).toBe(false);
    expect(isHtmlContentType(null)).toBe(false);
  });
});
