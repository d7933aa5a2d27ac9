/**
 * Cheap timing spans around the parts of the pipeline the benchmark can reach without touching
 * src/: SQLite statements (better-sqlite3's prototypes, which every Kysely query goes through),
 * TLS connections (`tls.connect`, which undici calls) and the page extractor (an injected
 * dependency). They time synchronous calls on the main thread with performance.now(), a fraction
 * of a microsecond each: process.cpuUsage() would not be inflated by other processes competing
 * for the cores, but it is a system call that cost the pipeline 9 % of its time under --profile.
 * For everything else, `--profile` (docs/benchmarks.md).
 */
import tls from 'node:tls';
import SqliteDatabase from 'better-sqlite3';
import type { PageExtractor } from '../src/crawl/site-crawler.ts';

export interface Span {
  calls: number;
  ms: number;
}

export interface SqliteSnapshot {
  totalMs: number;
  prepare: Span;
  /** Statements run, by verb (and table for writes), heaviest first. */
  statements: [string, Span][];
}

export interface SqliteSpans {
  prepare: Span;
  /** Statements run, by their first keyword (insert, select, update, begin, commit…). */
  byVerb: Map<string, Span>;
  reset(): void;
  snapshot(): SqliteSnapshot;
}

type StatementMethod = (this: SqliteDatabase.Statement, ...args: unknown[]) => unknown;

let installed: SqliteSpans | null = null;

/** Times every better-sqlite3 prepare and statement run of the process, from now on. */
export function instrumentSqlite(): SqliteSpans {
  if (installed !== null) return installed;
  const spans: SqliteSpans = {
    prepare: { calls: 0, ms: 0 },
    byVerb: new Map(),
    reset() {
      spans.prepare = { calls: 0, ms: 0 };
      spans.byVerb.clear();
    },
    snapshot() {
      let totalMs = spans.prepare.ms;
      for (const span of spans.byVerb.values()) totalMs += span.ms;
      const statements = [...spans.byVerb].map(([verb, span]): [string, Span] => [verb, { ...span }]);
      return {
        totalMs,
        prepare: { ...spans.prepare },
        statements: statements.sort((a, b) => b[1].ms - a[1].ms),
      };
    },
  };
  const probe = new SqliteDatabase(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, StatementMethod>;
  probe.close();
  const databaseProto = SqliteDatabase.prototype as unknown as Record<string, StatementMethod>;

  const prepare = databaseProto.prepare as StatementMethod;
  databaseProto.prepare = function (this: SqliteDatabase.Statement, ...args: unknown[]) {
    const started = performance.now();
    try {
      return prepare.apply(this, args);
    } finally {
      spans.prepare.calls += 1;
      spans.prepare.ms += performance.now() - started;
    }
  };
  for (const name of ['run', 'all', 'get'] as const) {
    const original = statementProto[name] as StatementMethod;
    statementProto[name] = function (this: SqliteDatabase.Statement, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const verb = verbOf(this.source);
        const span = spans.byVerb.get(verb) ?? { calls: 0, ms: 0 };
        span.calls += 1;
        span.ms += performance.now() - started;
        spans.byVerb.set(verb, span);
      }
    };
  }
  installed = spans;
  return spans;
}

const verbs = new Map<string, string>();

/** "insert audit_pages", "select", "commit"…: cached, the pipeline runs a few dozen distinct statements. */
function verbOf(sql: string): string {
  let verb = verbs.get(sql);
  if (verb === undefined) {
    verb = parseVerb(sql);
    if (verbs.size < 10_000) verbs.set(sql, verb);
  }
  return verb;
}

function parseVerb(sql: string): string {
  const match = /^\s*(\w+)(?:\s+(?:into\s+)?"?(\w+)"?)?/i.exec(sql);
  if (match === null) return '?';
  const verb = (match[1] ?? '?').toLowerCase();
  const table = match[2]?.toLowerCase();
  return verb === 'insert' || verb === 'update' ? `${verb} ${table ?? '?'}` : verb;
}

export interface ExtractSpan extends Span {
  bytes: number;
}

/** Wraps the page extractor (htmlparser2 pass of detection) to time it. */
export function timedExtractor(extract: PageExtractor): { extract: PageExtractor; span: ExtractSpan } {
  const span: ExtractSpan = { calls: 0, ms: 0, bytes: 0 };
  return {
    span,
    extract: (url, html) => {
      const started = performance.now();
      try {
        return extract(url, html);
      } finally {
        span.calls += 1;
        span.bytes += html.length;
        span.ms += performance.now() - started;
      }
    },
  };
}

export interface TlsSpans extends Span {
  reset(): void;
}

let tlsInstalled: TlsSpans | null = null;

/**
 * Counts the TLS connections the process opens and the synchronous time of `tls.connect`
 * (which builds a secure context, certificates included, when given a `ca`).
 */
export function instrumentTls(): TlsSpans {
  if (tlsInstalled !== null) return tlsInstalled;
  const spans: TlsSpans = {
    calls: 0,
    ms: 0,
    reset() {
      spans.calls = 0;
      spans.ms = 0;
    },
  };
  const connect = tls.connect;
  const timed = (...args: unknown[]) => {
    const started = performance.now();
    try {
      return (connect as (...a: unknown[]) => tls.TLSSocket)(...args);
    } finally {
      spans.calls += 1;
      spans.ms += performance.now() - started;
    }
  };
  tls.connect = timed as typeof tls.connect;
  tlsInstalled = spans;
  return spans;
}
