/**
 * The one place where the result of a fetch becomes a FetchStatus and a retry decision.
 * The HTTP client reports raw facts (an error, an HTTP status, a content type); everything
 * that counts, stores or retries reads the verdict from `classifyFetch`.
 */

import { errorMessage } from '../shared/errors.ts';
import type { FetchStatus } from './crawl.types.ts';

/** Failures the crawler itself decides (not raised by undici or the OS). */
export type CrawlFetchErrorCode =
  | 'ERR_SSRF_BLOCKED'
  | 'ERR_TOO_LARGE'
  | 'ERR_REDIRECT_LOOP'
  | 'ERR_TOO_MANY_REDIRECTS'
  | 'ERR_INVALID_URL'
  | 'ERR_REQUEST_TIMEOUT';

export class CrawlFetchError extends Error {
  readonly code: CrawlFetchErrorCode;

  constructor(code: CrawlFetchErrorCode, message: string) {
    super(message);
    this.name = 'CrawlFetchError';
    this.code = code;
  }
}

export interface FetchFacts {
  /** Whatever the request threw, if it threw. */
  error?: unknown;
  /** Status of the last response received. */
  httpStatus?: number | null;
  contentType?: string | null;
  /** When the content type is missing: whether the first bytes look like HTML. */
  looksLikeHtml?: boolean;
  /** A redirect was not followed because its target is outside the site. */
  redirectRefused?: boolean;
}

export interface FetchVerdict {
  status: FetchStatus;
  retryable: boolean;
  /** Short French explanation, stored as the page's `error` (empty for ok). */
  detail: string;
}

const OWN_CODES: Record<CrawlFetchErrorCode, { status: FetchStatus; retryable: boolean }> = {
  ERR_SSRF_BLOCKED: { status: 'ssrf_blocked', retryable: false },
  ERR_TOO_LARGE: { status: 'too_large', retryable: false },
  ERR_REDIRECT_LOOP: { status: 'redirect_loop', retryable: false },
  ERR_TOO_MANY_REDIRECTS: { status: 'too_many_redirects', retryable: false },
  ERR_INVALID_URL: { status: 'invalid_url', retryable: false },
  ERR_REQUEST_TIMEOUT: { status: 'timeout', retryable: true },
};

const DNS_CODES: Record<string, boolean> = {
  ENOTFOUND: false,
  EAI_NONAME: false,
  EAI_NODATA: false,
  EAI_FAIL: false,
  EAI_AGAIN: true,
  ESERVFAIL: true,
};

const CONNECTION_CODES: Record<string, boolean> = {
  ECONNREFUSED: false,
  EHOSTUNREACH: false,
  ENETUNREACH: false,
  EADDRNOTAVAIL: false,
  ECONNRESET: true,
  EPIPE: true,
  ECONNABORTED: true,
  UND_ERR_SOCKET: true,
  UND_ERR_CLOSED: true,
};

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
]);

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'EPROTO',
]);

function isTlsCode(code: string): boolean {
  return (
    TLS_CODES.has(code) ||
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_')
  );
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** "text/html; charset=utf-8" → "text/html" */
export function mediaType(contentType: string | null | undefined): string | null {
  if (contentType === null || contentType === undefined) return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

export function isHtmlContentType(contentType: string | null | undefined): boolean {
  const type = mediaType(contentType);
  return type !== null && HTML_TYPES.has(type);
}

/** undici nests causes (fetch's TypeError, AggregateError of happy eyeballs): find the first coded one. */
function findCode(error: unknown, depth = 0): { code: string; message: string } | null {
  if (depth > 5 || error === null || typeof error !== 'object') return null;
  const record = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string' && record.code !== '') {
    return { code: record.code, message: typeof record.message === 'string' ? record.message : '' };
  }
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const found = findCode(inner, depth + 1);
      if (found !== null) return found;
    }
  }
  return findCode(record.cause, depth + 1);
}

function errorName(error: unknown): string {
  return error !== null && typeof error === 'object' && 'name' in error ? String(error.name) : '';
}

function classifyError(error: unknown): FetchVerdict {
  if (error instanceof CrawlFetchError) {
    const own = OWN_CODES[error.code];
    return { ...own, detail: error.message };
  }
  const found = findCode(error);
  const code = found?.code ?? '';
  const suffix = found?.message ? ` : ${found.message}` : '';
  if (code in DNS_CODES) {
    return {
      status: 'dns_error',
      retryable: DNS_CODES[code] ?? false,
      detail: `nom de domaine introuvable (${code})`,
    };
  }
  if (TIMEOUT_CODES.has(code)) {
    return { status: 'timeout', retryable: true, detail: `délai dépassé (${code})` };
  }
  if (isTlsCode(code)) {
    return { status: 'tls_error', retryable: false, detail: `certificat ou TLS invalide (${code})${suffix}` };
  }
  if (code in CONNECTION_CODES) {
    return {
      status: 'connection_error',
      retryable: CONNECTION_CODES[code] ?? false,
      detail: `connexion impossible ou interrompue (${code})`,
    };
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return { status: 'too_large', retryable: false, detail: 'réponse trop volumineuse' };
  }
  if (code.startsWith('HPE_') || code === 'UND_ERR_INFO') {
    return { status: 'server_error', retryable: false, detail: `réponse HTTP invalide (${code})` };
  }
  // Our per-request timer aborts with a TimeoutError / AbortError when no code is set.
  const name = errorName(error);
  if (name === 'AbortError' || name === 'TimeoutError' || code === 'UND_ERR_ABORTED') {
    return { status: 'timeout', retryable: true, detail: 'délai dépassé (requête interrompue)' };
  }
  return {
    status: 'connection_error',
    retryable: false,
    detail: `erreur réseau inattendue${code ? ` (${code})` : ''} : ${errorMessage(error)}`,
  };
}

function classifyHttp(httpStatus: number, facts: FetchFacts): FetchVerdict {
  if (httpStatus === 404 || httpStatus === 410) {
    return { status: 'not_found', retryable: false, detail: `HTTP ${httpStatus}` };
  }
  if (httpStatus === 429) {
    return { status: 'blocked', retryable: true, detail: 'HTTP 429 : trop de requêtes' };
  }
  if (httpStatus === 401 || httpStatus === 403 || httpStatus === 451) {
    return { status: 'blocked', retryable: false, detail: `HTTP ${httpStatus} : accès refusé` };
  }
  if (httpStatus >= 400 && httpStatus < 500) {
    return { status: 'client_error', retryable: false, detail: `HTTP ${httpStatus}` };
  }
  if (httpStatus >= 500) {
    return { status: 'server_error', retryable: true, detail: `HTTP ${httpStatus}` };
  }
  if (httpStatus >= 300 && httpStatus < 400) {
    if (facts.redirectRefused === true) {
      return {
        status: 'redirect_out_of_scope',
        retryable: false,
        detail: `HTTP ${httpStatus} : redirection hors du site, non suivie`,
      };
    }
    return {
      status: 'server_error',
      retryable: false,
      detail: `HTTP ${httpStatus} : redirection sans destination`,
    };
  }
  if (httpStatus < 200) {
    return { status: 'server_error', retryable: false, detail: `HTTP ${httpStatus} inattendu` };
  }
  const type = mediaType(facts.contentType);
  if (type === null ? facts.looksLikeHtml === false : !HTML_TYPES.has(type)) {
    return {
      status: 'not_html',
      retryable: false,
      detail: type ?? 'type de contenu absent, contenu non HTML',
    };
  }
  return { status: 'ok', retryable: false, detail: '' };
}

export function classifyFetch(facts: FetchFacts): FetchVerdict {
  if (facts.error !== undefined && facts.error !== null) return classifyError(facts.error);
  if (facts.httpStatus === undefined || facts.httpStatus === null) {
    return { status: 'connection_error', retryable: false, detail: 'aucune réponse reçue' };
  }
  return classifyHttp(facts.httpStatus, facts);
}

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry): exponential, capped, with
 * "equal jitter" (half fixed, half random) so that retries of many sites do not align.
 */
export function retryDelayMs(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 10_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as milliseconds (delta-seconds or HTTP date), null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}
