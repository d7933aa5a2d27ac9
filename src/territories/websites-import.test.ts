import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import {
  expectRejected,
  csvFixture as fixture,
  useImportTestBed,
} from '../../test/support/import-test-bed.ts';
import type { UserError } from '../shared/errors.ts';
import { importWebsites } from './websites-import.ts';

const FIRST = new Date('2026-11-01T08:00:00.000Z');
const LATER = new Date('2026-11-21T08:00:00.000Z');

describe.each(TEST_ENGINES)('websites import on %s', (engine) => {
  const bed = useImportTestBed(engine, 'authority_websites');

  const websites = () =>
    bed.database.db
      .selectFrom('authority_websites')
      .select(['authority_id', 'url', 'source', 'added_at', 'retired_at'])
      .orderBy('id')
      .execute();
  const current = async () =>
    Object.fromEntries(
      (await websites()).filter((w) => w.retired_at === null).map((w) => [w.authority_id, w.url]),
    );

  /** Runs an import expected to fail, after a first import: checks the database did not change. */
  async function rejected(file: string): Promise<UserError> {
    await importWebsites(bed.database.db, fixture('websites.csv'), { now: FIRST });
    return expectRejected(() => importWebsites(bed.database.db, file, { now: LATER }), websites);
  }

  it('adds the websites of a file, completing bare hosts with https:// and dropping fragments', async () => {
    const report = await importWebsites(bed.database.db, fixture('websites.csv'), { now: FIRST });

    expect(report).toMatchObject({ rows: 3, added: 3, replaced: 0, unchanged: 0 });
    expect(await current()).toEqual({
      [bed.ids.ain]: 'https://www.ain.fr/',
      [bed.ids.bourg]: 'https://www.bourgenbresse.fr/',
      [bed.ids.bassinDeBourg]: 'https://www.grand-bourg.fr/',
    });
    const [first] = await websites();
    expect(first).toMatchObject({
      source: 'import:websites.csv',
      added_at: FIRST.toISOString(),
      retired_at: null,
    });
  });

  it('reports the same file imported again as unchanged and writes nothing', async () => {
    await importWebsites(bed.database.db, fixture('websites.csv'), { now: FIRST });
    const before = await websites();

    const again = await importWebsites(bed.database.db, fixture('websites.csv'), { now: LATER });

    expect(again).toMatchObject({ rows: 3, added: 0, replaced: 0, unchanged: 3 });
    expect(await websites()).toEqual(before);
  });

  it('keeps the former website as history when a URL changes, and treats the same URL written differently as unchanged', async () => {
    await importWebsites(bed.database.db, fixture('websites.csv'), { now: FIRST });

    const report = await importWebsites(bed.database.db, fixture('websites-changed.csv'), { now: LATER });

    expect(report).toMatchObject({ rows: 2, added: 0, replaced: 1, unchanged: 1 });
    const bourg = (await websites()).filter((w) => w.authority_id === bed.ids.bourg);
    expect(bourg).toEqual([
      {
        authority_id: bed.ids.bourg,
        url: 'https://www.bourgenbresse.fr/',
        source: 'import:websites.csv',
        added_at: FIRST.toISOString(),
        retired_at: LATER.toISOString(),
      },
      {
        authority_id: bed.ids.bourg,
        url: 'https://www.bourg-en-bresse.fr/',
        source: 'import:websites-changed.csv',
        added_at: LATER.toISOString(),
        retired_at: null,
      },
    ]);
    expect((await websites()).filter((w) => w.authority_id === bed.ids.ain)).toHaveLength(1);
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
    const file = bed.writeTmp('regions.csv', 'code;url\n84;auvergnerhonealpes.fr\n');

    await importWebsites(bed.database.db, file, { now: FIRST, kind: 'region' });

    expect(await current()).toEqual({ [bed.ids.regionAura]: 'https://auvergnerhonealpes.fr/' });
  });
});
