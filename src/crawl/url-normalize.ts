/**
 * Pure URL rules of the crawler: one canonical form per page (so the frontier dedupes), and
 * the recognisable shapes of crawler traps (endless calendars, relative-link loops, faceted
 * searches) that would eat a site's page budget.
 */
import { memoizeText } from '../shared/memo.ts';

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  // AT Internet / Piano (common on French public sites)
  'xtor',
  'xts',
  'xtdt',
  'at_medium',
  'at_campaign',
  'at_platform',
  'at_creation',
  'at_variant',
  'at_format',
  'at_send_date',
  'at_link',
  'at_recipient_id',
  'at_recipient_list',
  // Matomo campaigns
  'pk_campaign',
  'pk_kwd',
  'pk_keyword',
  'pk_source',
  'pk_medium',
  'pk_content',
  'pk_cid',
]);
const TRACKING_PREFIXES = ['utm_', 'mtm_', 'matomo_'];

const SESSION_PARAMS = new Set([
  'jsessionid',
  'phpsessid',
  'sid',
  'sessionid',
  'session_id',
  'aspsessionid',
  'cfid',
  'cftoken',
  'zenid',
  'oscsid',
]);

/** ";jsessionid=…" and friends glued to a path segment (Java servlets, old PHP). */
const PATH_SESSION = /;(?:jsessionid|phpsessid|sid|sessionid)=[^/?#;]*/gi;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Uppercases percent-escapes and decodes those of unreserved characters (RFC 3986 §6.2.2). */
function normalizeEscapes(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function isDroppedParam(rawName: string): boolean {
  const name = safeDecode(rawName).toLowerCase();
  if (TRACKING_PARAMS.has(name) || SESSION_PARAMS.has(name)) return true;
  if (name.startsWith('aspsessionid')) return true;
  return TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
}

function paramName(pair: string): string {
  const equals = pair.indexOf('=');
  return equals < 0 ? pair : pair.slice(0, equals);
}

/**
 * The canonical form of a link: absolute http(s), lowercase scheme and host, no default port,
 * no fragment, no credentials, dot segments resolved, query parameters sorted by name, tracking
 * and session parameters dropped. Null when the link is not an http(s) URL.
 */
export function normalizeUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  url.pathname = normalizeEscapes(url.pathname.replace(PATH_SESSION, ''));
  const pairs = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isDroppedParam(paramName(pair)))
    .map(normalizeEscapes);
  // Stable sort: repeated names (a=1&a=2) keep their relative order, which may carry meaning.
  pairs.sort((a, b) => {
    const nameA = paramName(a);
    const nameB = paramName(b);
    return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
  });
  url.search = pairs.length === 0 ? '' : `?${pairs.join('&')}`;
  return url.href;
}

const ABSOLUTE_HTTP = /^\s*https?:\/\//i;

/**
 * The links of a site's pages repeat (menus, footers): an absolute one is normalised once.
 * A relative one depends on the page it is on, and is normalised against it each time.
 */
const normalizeAbsolute = memoizeText((href: string) => normalizeUrl(href), {
  limit: 20_000,
  maxLength: 1_000,
});

/** normalizeUrl(href, base), remembered for absolute links. */
export function normalizeLink(href: string, base: string): string | null {
  return ABSOLUTE_HTTP.test(href) ? normalizeAbsolute(href) : normalizeUrl(href, base);
}

export type TrapReason =
  | 'calendar'
  | 'repeated_segments'
  | 'path_too_deep'
  | 'query_too_long'
  | 'too_many_params'
  | 'growing_query'
  | 'query_variants';

export interface TrapRules {
  maxPathDepth: number;
  maxQueryLength: number;
  maxQueryParams: number;
  /** Dates further ahead than this (months) are calendar paging, wherever they appear. */
  maxCalendarMonthsAhead: number;
  /** Dates further back than this (months) are calendar paging when the URL is about a calendar. */
  maxCalendarMonthsBack: number;
  /**
   * URLs of one shape (same path, same parameter names, other values) admitted before the next
   * ones are traps. High on purpose: "?page_id=12" sites have all their pages in one shape.
   */
  maxShapeVariants: number;
}

export const DEFAULT_TRAP_RULES: TrapRules = {
  maxPathDepth: 12,
  maxQueryLength: 200,
  maxQueryParams: 6,
  maxCalendarMonthsAhead: 24,
  maxCalendarMonthsBack: 36,
  maxShapeVariants: 200,
};

export interface TrapContext {
  now: Date;
  /** How many URLs of this URL's shape (`urlShape`) the crawl already admitted. */
  shapeVariants?: number;
  rules?: Partial<TrapRules>;
}

const CALENDAR_WORDS =
  /agenda|calendrier|calendar|evenement|événement|event|manifestation|sortie|date|jour|day|mois|month|annee|année|year|semaine|week|cal\b|getdate/i;
const CALENDAR_PARAM =
  /date|day|jour|month|mois|year|annee|année|week|semaine|cal|^(?:start|end|debut|début|fin|from|to|period|periode|d|m|y)$/i;
const DATE_VALUE = /^((?:19|20|21)\d{2})(?:[-/]?(0[1-9]|1[0-2]))?(?:[-/]?(?:0[1-9]|[12]\d|3[01]))?$/;
const YEAR_MONTH_VALUE = /^((?:19|20|21)\d{2})[-/](0[1-9]|1[0-2])\b/;

function monthsFromNow(year: number, month: number, now: Date): number {
  return (year - now.getUTCFullYear()) * 12 + (month - 1 - now.getUTCMonth());
}

interface DateMention {
  offsetMonths: number;
  calendarContext: boolean;
}

function dateMentions(url: URL, segments: string[], now: Date): DateMention[] {
  const mentions: DateMention[] = [];
  const pathIsCalendar = CALENDAR_WORDS.test(url.pathname);
  for (const segment of segments) {
    const match = DATE_VALUE.exec(segment) ?? YEAR_MONTH_VALUE.exec(segment);
    if (match?.[1] === undefined) continue;
    // A bare 8-digit segment is more likely an identifier than a date.
    if (/^\d{8}$/.test(segment)) continue;
    mentions.push({
      offsetMonths: monthsFromNow(Number(match[1]), Number(match[2] ?? 1), now),
      calendarContext: pathIsCalendar,
    });
  }
  for (const [name, value] of url.searchParams) {
    const calendarParam = CALENDAR_PARAM.test(name);
    const match = DATE_VALUE.exec(value.trim()) ?? YEAR_MONTH_VALUE.exec(value.trim());
    if (match?.[1] === undefined) continue;
    // "?id=2031" is an identifier; "?mois=2031-05" or "?date=2031" is a date.
    if (!calendarParam && match[2] === undefined) continue;
    mentions.push({
      offsetMonths: monthsFromNow(Number(match[1]), Number(match[2] ?? 1), now),
      calendarContext: calendarParam || pathIsCalendar,
    });
  }
  return mentions;
}

function hasRepeatedSegments(segments: string[]): boolean {
  const counts = new Map<string, number>();
  for (const segment of segments) {
    const key = segment.toLowerCase();
    const count = (counts.get(key) ?? 0) + 1;
    if (count >= 3) return true;
    counts.set(key, count);
  }
  // A block of two or more segments repeated back to back: /a/b/a/b
  for (let size = 2; size * 2 <= segments.length; size += 1) {
    for (let start = 0; start + size * 2 <= segments.length; start += 1) {
      let same = true;
      for (let i = 0; i < size && same; i += 1) {
        same = segments[start + i]?.toLowerCase() === segments[start + size + i]?.toLowerCase();
      }
      if (same) return true;
    }
  }
  return false;
}

/**
 * The pattern of a URL for variant counting: host, path, parameter names without values.
 * "/actus?page=3" and "/actus?page=4" share a shape. Null for URLs without query.
 */
export function urlShape(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.search === '') return null;
  const names = [...new Set(url.searchParams.keys())].sort();
  return `${url.host}${url.pathname}?${names.join('&')}`;
}

/**
 * Query strings that grow each time a page links to itself with "one more" value: a name
 * repeated three times or more (?lang=fr&lang=fr&lang=fr), or a value listing the same item
 * three times or more (?filtre=a,a,a, ?retour=/p?retour=/p?retour=…).
 */
function hasGrowingQuery(url: URL): boolean {
  const counts = new Map<string, number>();
  for (const [name, value] of url.searchParams) {
    const count = (counts.get(name) ?? 0) + 1;
    if (count >= 3) return true;
    counts.set(name, count);
    const tokens = new Map<string, number>();
    for (const token of value.split(/[,;|/?&=]+/)) {
      if (token === '') continue;
      const seen = (tokens.get(token) ?? 0) + 1;
      if (seen >= 3) return true;
      tokens.set(token, seen);
    }
  }
  return false;
}

/** Why a (normalised) URL looks like a crawler trap, or null when it looks like a page. */
export function trapReason(raw: string, context: TrapContext): TrapReason | null {
  const rules = { ...DEFAULT_TRAP_RULES, ...context.rules };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (segments.length > rules.maxPathDepth) return 'path_too_deep';
  if (hasRepeatedSegments(segments)) return 'repeated_segments';
  const query = url.search.slice(1);
  if (query.length > rules.maxQueryLength) return 'query_too_long';
  if (query !== '' && query.split('&').length > rules.maxQueryParams) return 'too_many_params';
  if (hasGrowingQuery(url)) return 'growing_query';
  for (const mention of dateMentions(url, segments, context.now)) {
    if (mention.offsetMonths > rules.maxCalendarMonthsAhead) return 'calendar';
    if (mention.calendarContext && mention.offsetMonths < -rules.maxCalendarMonthsBack) return 'calendar';
  }
  if ((context.shapeVariants ?? 0) >= rules.maxShapeVariants) return 'query_variants';
  return null;
}
