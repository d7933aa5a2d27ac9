import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The web layer calls domain services, never the database (GUIDE: dependency rule): it may
 * name the schema's types and constants, not open connections or build queries.
 */
const WEB = path.dirname(new URL(import.meta.url).pathname);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('src/web dependencies', () => {
  it('imports no database driver, no query builder and nothing of src/db but the schema', () => {
    const offending: string[] = [];
    for (const file of sources(WEB)) {
      for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        const forbidden =
          /^(kysely|pg|better-sqlite3)$/.test(specifier as string) ||
          (/\/db\//.test(specifier as string) && !(specifier as string).endsWith('/db/schema.ts')) ||
          /\/(cli|main|jobs)\//.test(specifier as string);
        if (forbidden) offending.push(`${path.relative(WEB, file)}: ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('reads no repository module directly, only through WebServices', () => {
    const offending = sources(WEB).filter((file) =>
      /from '[^']+\.(repository|query)\.ts'/.test(
        fs.readFileSync(file, 'utf8').replace(/import type [^;]+;/g, ''),
      ),
    );
    expect(offending.map((file) => path.relative(WEB, file))).toEqual([]);
  });
});
