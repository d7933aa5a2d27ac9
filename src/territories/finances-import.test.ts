import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import {
  expectRejected,
  csvFixture as fixture,
  useImportTestBed,
} from '../../test/support/import-test-bed.ts';
import type { UserError } from '../shared/errors.ts';
import { importFinances } from './finances-import.ts';

const NOW = new Date('2026-11-21T10:00:00.000Z');

describe.each(TEST_ENGINES)('finances import on %s', (engine) => {
  const bed = useImportTestBed(engine, 'authority_finances');
  const { writeTmp } = bed;

  const finances = () =>
    bed.database.db
      .selectFrom('authority_finances')
      .selectAll()
      .orderBy('authority_id')
      .orderBy('year')
      .execute();
  const amounts = async () =>
    Object.fromEntries(
      (await finances()).map((row) => [`${row.authority_id}:${row.year}`, row.operating_revenue]),
    );

  /** Runs an import expected to fail, after a first import: checks the database did not change. */
  async function rejected(file: string, options: { kind?: 'departement' } = {}): Promise<UserError> {
    await importFinances(bed.database.db, fixture('finances-wide-thousands.csv'), { now: NOW });
    return expectRejected(() => importFinances(bed.database.db, file, { now: NOW, ...options }), finances);
  }
  const problemLines = (error: UserError) => error.problems.map((p) => p.line);

  it('imports the operating revenue of an OFGL long file in Latin-1, with decimal commas, ignoring other aggregates and annex budgets', async () => {
    const latin1 = iconv.encode(fs.readFileSync(fixture('finances-ofgl-long.csv'), 'utf8'), 'latin1');
    const file = writeTmp('ofgl-communes.csv', latin1);

    const report = await importFinances(bed.database.db, file, { now: NOW });

    expect(report).toEqual({
      file,
      format: 'ofgl-long',
      rows: 5,
      imported: 5,
      replaced: 0,
      unchanged: 0,
      ignored: 3,
    });
    expect(await amounts()).toEqual({
      [`${bed.ids.ain}:2023`]: 450_123_456,
      [`${bed.ids.abergement}:2022`]: 998_000,
      [`${bed.ids.abergement}:2023`]: 1_023_456.78,
      [`${bed.ids.bourg}:2023`]: 52_345_678.9,
      [`${bed.ids.ajaccio}:2023`]: 150_000_000.5,
    });
    const [row] = await finances();
    expect(row?.source).toBe('import:ofgl-communes.csv');
    expect(row?.imported_at).toBe(NOW.toISOString());
  });

  it('imports a wide comma-separated UTF-8 file with a byte order mark, the type column telling région from département', async () => {
    const report = await importFinances(bed.database.db, fixture('finances-wide-bom.csv'), { now: NOW });

    expect(report).toMatchObject({
      format: 'wide',
      rows: 4,
      imported: 4,
      replaced: 0,
      unchanged: 0,
      ignored: 0,
    });
    expect(await amounts()).toEqual({
      [`${bed.ids.regionAura}:2023`]: 3_456_789_012.5,
      [`${bed.ids.vaucluse}:2023`]: 456_789_012,
      [`${bed.ids.bassinDeBourg}:2023`]: 98_765_432.1,
      [`${bed.ids.bourg}:2023`]: 52_345_678.9,
    });
  });

  it('converts amounts to euros only when the header says they are in thousands of euros', async () => {
    await importFinances(bed.database.db, fixture('finances-wide-thousands.csv'), { now: NOW });
    expect(await amounts()).toEqual({
      [`${bed.ids.abergement}:2021`]: 1_234_500,
      [`${bed.ids.ajaccio}:2021`]: 148_000_000,
    });
  });

  it('reports every row unchanged when the same file is imported again', async () => {
    await importFinances(bed.database.db, fixture('finances-wide-bom.csv'), { now: NOW });
    const before = await finances();

    const again = await importFinances(bed.database.db, fixture('finances-wide-bom.csv'), {
      now: new Date('2026-12-01T00:00:00.000Z'),
    });

    expect(again).toMatchObject({ rows: 4, imported: 0, replaced: 0, unchanged: 4 });
    expect(await finances()).toEqual(before);
  });

  it('replaces an amount that changed, keeping one row per authority and year, and counts it as replaced', async () => {
    await importFinances(bed.database.db, fixture('finances-wide-bom.csv'), { now: NOW });
    const file = writeTmp(
      'corrections.csv',
      'code;annee;rrf\n01053;2023;52 000 000\n01053;2022;50 000 000\n',
    );

    const report = await importFinances(bed.database.db, file, { now: NOW });

    expect(report).toMatchObject({ rows: 2, imported: 1, replaced: 1, unchanged: 0 });
    const bourg = (await finances()).filter((row) => row.authority_id === bed.ids.bourg);
    expect(bourg.map((row) => [row.year, row.operating_revenue, row.source])).toEqual([
      [2022, 50_000_000, 'import:corrections.csv'],
      [2023, 52_000_000, 'import:corrections.csv'],
    ]);
  });

  it('resolves a 2-digit code shared by a région and a département with the kind option', async () => {
    await importFinances(bed.database.db, fixture('finances-ambiguous-code.csv'), {
      now: NOW,
      kind: 'departement',
    });
    expect(await amounts()).toEqual({
      [`${bed.ids.vaucluse}:2023`]: 456_789_012,
      [`${bed.ids.ain}:2023`]: 450_123_456,
    });
  });

  it('rejects a 2-digit code that is both a région and a département when no kind is given', async () => {
    const error = await rejected(fixture('finances-ambiguous-code.csv'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ file: 'finances-ambiguous-code.csv', line: 2, column: 'code' });
    expect(error.problems[0]?.message).toContain('ambigu');
    expect(error.problems[0]?.message).toContain('une région et un département');
  });

  it('rejects a file without the expected columns and lists the columns it expects', async () => {
    const error = await rejected(fixture('finances-wrong-columns.csv'));
    expect(error.problems).toHaveLength(1);
    const [problem] = error.problems;
    expect(problem?.line).toBe(1);
    for (const expected of [
      'Code Siren Collectivité',
      'Exercice',
      'Agrégat',
      'Montant',
      'Recettes réelles de fonctionnement',
    ]) {
      expect(problem?.message).toContain(expected);
    }
    expect(problem?.message).toContain('commune, population, budget total');
  });

  it('rejects unknown authority codes, each on its line, and imports none of the valid rows', async () => {
    const error = await rejected(fixture('finances-unknown-codes.csv'));
    expect(problemLines(error)).toEqual([3, 4, 5]);
    expect(
      error.problems.every((p) => p.column === 'code' && p.message.startsWith('collectivité inconnue')),
    ).toBe(true);
    expect(error.problems[2]?.message).toContain('n’a la forme d’aucun code attendu');
  });

  it('rejects bad, missing and negative amounts and bad or out-of-range years, each with its line, column and reason', async () => {
    const error = await rejected(fixture('finances-bad-values.csv'));
    expect(error.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'rrf'],
      [3, 'rrf'],
      [4, 'rrf'],
      [5, 'rrf'],
      [6, 'annee'],
      [7, 'annee'],
    ]);
    const messages = error.problems.map((p) => p.message);
    expect(messages[0]).toContain('12,3,4');
    expect(messages[1]).toContain('abc');
    expect(messages[2]).toContain('vide');
    expect(messages[3]).toContain('négatif');
    expect(messages[4]).toContain('20x3');
    expect(messages[5]).toContain('1990');
  });

  it('rejects two amounts for the same authority and year, even written with its SIREN or without its leading zero', async () => {
    const error = await rejected(fixture('finances-duplicates.csv'));
    expect(problemLines(error)).toEqual([3, 6]);
    expect(error.problems[0]?.message).toContain('ligne 2');
    expect(error.problems[1]?.message).toContain('ligne 4');
  });

  it('rejects an empty file', async () => {
    const error = await rejected(writeTmp('vide.csv', ''));
    expect(error.problems[0]?.message).toContain('vide');
    const blank = await rejected(writeTmp('blanc.csv', '\n  \n'));
    expect(blank.problems[0]?.message).toContain('vide');
  });

  it('rejects a file holding only its header line', async () => {
    const error = await rejected(fixture('finances-header-only.csv'));
    expect(error.problems[0]).toMatchObject({ line: 1 });
    expect(error.problems[0]?.message).toContain('que la ligne d’en-tête');
  });

  it('rejects binary garbage', async () => {
    const garbage = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]), randomBytes(2048)]);
    const error = await rejected(writeTmp('classeur.xlsx.csv', garbage));
    expect(error.problems[0]?.message).toContain('binaire');
  });

  it('rejects an unbalanced quote and names the line where it opens', async () => {
    const error = await rejected(fixture('finances-unbalanced-quote.csv'));
    expect(error.problems[0]).toMatchObject({ line: 3 });
    expect(error.problems[0]?.message).toContain('guillemet');
  });

  it('rejects an OFGL file holding no operating revenue aggregate instead of importing nothing silently', async () => {
    const error = await rejected(fixture('finances-ofgl-no-revenue.csv'));
    expect(error.problems[0]?.message).toContain('Recettes de fonctionnement');
  });
});
