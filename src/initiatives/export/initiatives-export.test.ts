import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { csvFixture, type ImportedTable, useImportTestBed } from '../../../test/support/import-test-bed.ts';
import { parseCsvBytes } from '../../shared/csv.ts';
import { shippedClassifier } from '../classification/shipped.ts';
import { shippedTaxonomy } from '../domains.ts';
import { importInitiatives } from '../initiatives-import.ts';
import { initiativesCsv, initiativesJson } from './initiatives-export.ts';
import { publishedInitiatives } from './published-initiatives.query.ts';

const NOW = new Date('2026-11-21T08:00:00.000Z');
const TABLES: ImportedTable[] = [
  'initiative_classification_domains',
  'initiative_classifications',
  'initiative_moderations',
  'initiatives',
];
const deps = { classifier: shippedClassifier(), taxonomy: shippedTaxonomy(), now: NOW, by: 'ana@exemple.fr' };

describe.each(TEST_ENGINES)('initiatives exports on %s', (engine) => {
  const bed = useImportTestBed(engine, TABLES);
  const rowsOf = (csv: string) =>
    parseCsvBytes(Buffer.from(csv, 'utf8'), 'export.csv').rows.map(({ values }) => {
      const { Classement: _source, ...rest } = values;
      return rest;
    });

  it('exports published initiatives as CSV that the import reads back unchanged', async () => {
    await importInitiatives(bed.database.db, csvFixture('initiatives.csv'), deps);
    const csv = initiativesCsv(await publishedInitiatives(bed.database.db));
    const exported = rowsOf(csv);
    expect(exported).toHaveLength(3);
    expect(exported[0]).toMatchObject({
      Code: '01',
      Catégorie: 'département',
      Collectivité: 'Ain',
      Année: '2024',
      État: 'réalisée',
      URL: 'https://www.ain.fr/colleges',
      Domaines: 'education_periscolaire',
    });
    expect(csv).not.toContain('service.democratie@bourg.example');

    for (const table of TABLES) await bed.database.db.deleteFrom(table).execute();
    const report = await importInitiatives(bed.database.db, bed.writeTmp('export.csv', csv), deps);
    expect(report).toMatchObject({ added: 3, domainsFromFile: 3 });
    expect(rowsOf(initiativesCsv(await publishedInitiatives(bed.database.db)))).toEqual(exported);
  });

  it('exports JSON with the taxonomy, each classification’s source and no contact', async () => {
    await importInitiatives(bed.database.db, csvFixture('initiatives.csv'), deps);
    const json = JSON.parse(
      initiativesJson(await publishedInitiatives(bed.database.db, { year: 2025 }), shippedTaxonomy(), NOW),
    );
    expect(json.generated_at).toBe(NOW.toISOString());
    expect(json.taxonomy.domains).toHaveLength(10);
    expect(json.initiatives.map((item: { title: string }) => item.title)).toEqual([
      'Budget participatif en ligne',
      'Ateliers numériques pour les aînés',
    ]);
    expect(json.initiatives[1]).toMatchObject({
      authority: { kind: 'commune', code: '01001' },
      progress: 'in_progress',
      domains: [
        { key: 'acces_inclusion', confidence: null },
        { key: 'social_sante', confidence: null },
      ],
      classification_source: 'import',
    });
    expect(json.initiatives[0].classification_source).toBe('classifier');
    expect(JSON.stringify(json)).not.toContain('contact');
  });
});
