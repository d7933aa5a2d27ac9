import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSampleAuthorities, type SampleAuthority } from '../../test/support/authority-factory.ts';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import type { Database } from '../db/database.ts';
import { UserError } from '../shared/errors.ts';
import { importWebsites } from './websites-import.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/csv');
const fixture = (name: string) => path.join(FIXTURES, name);
const FIRST = new Date('2026-11-01T08:00:00.000Z');
const LATER = new Date('2026-11-21T08:00:00.000Z');

describe.each(TEST_ENGINES)('websites import on %s', (engine) => {
  let database: Database;
  let ids: Record<SampleAuthority, number>;
  let tmp: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ids = await createSampleAuthorities(database.db);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-websites-'));
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await database.db.deleteFrom('authority_websites').execute();
  });

  const websites = () =>
    database.db
      .selectFrom('authority_websites')
      .select(['authority_id', 'url', 'source', 'added_at', 'retired_at'])
      .orderBy('id')
      .execute();
  const current = async () =>
    Object.fromEntries(
      (await websites()).filter((w) => w.retired_at === null).map((w) => [w.authority_id, w.url]),
    );

  async function rejected(file: string): Promise<UserError> {
    await importWebsites(database.db, fixture('websites.csv'), { now: FIRST });
    const before = await websites();
    const error = await importWebsites(database.db, file, { now: LATER }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('input_invalid');
    expect(await websites()).toEqual(before);
    return error as UserError;
  }

  it('adds the websites of a file, completing bare hosts with https:// and dropping fragments', async () => {
    const report = await importWebsites(database.db, fixture('websites.csv'), { now: FIRST });

    expect(report).toMatchObject({ rows: 3, added: 3, replaced: 0, unchanged: 0 });
    expect(await current()).toEqual({
      [ids.ain]: 'https://www.ain.fr/',
      [ids.bourg]: 'https://www.bourgenbresse.fr/',
      [ids.bassinDeBourg]: 'https://www.grand-bourg.fr/',
    });
    const [first] = await websites();
    expect(first).toMatchObject({
      source: 'import:websites.csv',
      added_at: FIRST.toISOString(),
      retired_at: null,
    });
  });

  it('reports the same file imported again as unchanged and writes nothing', async () => {
    await importWebsites(database.db, fixture('websites.csv'), { now: FIRST });
    const before = await websites();

    const again = await importWebsites(database.db, fixture('websites.csv'), { now: LATER });

    expect(again).toMatchObject({ rows: 3, added: 0, replaced: 0, unchanged: 3 });
    expect(await websites()).toEqual(before);
  });

  it('keeps the former website as history when a URL changes, and treats the same URL written differently as unchanged', async () => {
    await importWebsites(database.db, fixture('websites.csv'), { now: FIRST });

    const report = await importWebsites(database.db, fixture('websites-changed.csv'), { now: LATER });

    expect(report).toMatchObject({ rows: 2, added: 0, replaced: 1, unchanged: 1 });
    const bourg = (await websites()).filter((w) => w.authority_id === ids.bourg);
    expect(bourg).toEqual([
      {
        authority_id: ids.bourg,
        url: 'https://www.bourgenbresse.fr/',
        source: 'import:websites.csv',
        added_at: FIRST.toISOString(),
        retired_at: LATER.toISOString(),
      },
      {
        authority_id: ids.bourg,
        url: 'https://www.bourg-en-bresse.fr/',
        source: 'import:websites-changed.csv',
        added_at: LATER.toISOString(),
        retired_at: null,
      },
    ]);
    expect((await websites()).filter((w) => w.authority_id === ids.ain)).toHaveLength(1);
  });

  it('rejects bad and non-http URLs, unknown and ambiguous codes and duplicates, each on its line, and writes nothing', async () => {
    const error = await rejected(fixture('websites-invalid.csv'));

    expect(error.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'url'],
      [3, 'url'],
      [4, 'url'],
      [5, 'code'],
      [6, 'code'],
      [8, 'code'],
    ]);
    const messages = error.problems.map((p) => p.message);
    expect(messages[0]).toContain('javascript:');
    expect(messages[2]).toContain('ftp:');
    expect(messages[3]).toContain('inconnue');
    expect(messages[4]).toContain('ambigu');
    expect(messages[5]).toContain('doublon');
  });

  it('rejects a file without a URL column and lists the accepted names', async () => {
    const error = await rejected(fixture('websites-wrong-columns.csv'));
    expect(error.problems[0]?.message).toContain('Site internet');
    expect(error.problems[0]?.message).toContain('Colonnes trouvées : code, nom');
  });

  it('uses the kind option for codes the file does not qualify', async () => {
    const file = path.join(tmp, 'regions.csv');
    fs.writeFileSync(file, 'code;url\n84;auvergnerhonealpes.fr\n');

    await importWebsites(database.db, file, { now: FIRST, kind: 'region' });

    expect(await current()).toEqual({ [ids.regionAura]: 'https://auvergnerhonealpes.fr/' });
  });
});
