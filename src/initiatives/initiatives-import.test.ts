import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { csvFixture, expectRejected, useImportTestBed } from '../../test/support/import-test-bed.ts';
import { formatProblem } from '../shared/errors.ts';
import { shippedClassifier } from './classification/shipped.ts';
import { shippedTaxonomy } from './domains.ts';
import { listInitiatives } from './initiatives.repository.ts';
import { getInitiative } from './initiatives.service.ts';
import { importInitiatives } from './initiatives-import.ts';

const NOW = new Date('2026-11-21T08:00:00.000Z');
const deps = () => ({
  classifier: shippedClassifier(),
  taxonomy: shippedTaxonomy(),
  now: NOW,
  by: 'Ana@Exemple.fr',
});

describe.each(TEST_ENGINES)('initiatives import on %s', (engine) => {
  const bed = useImportTestBed(engine, [
    'initiative_classification_domains',
    'initiative_classifications',
    'initiative_moderations',
    'initiatives',
  ]);
  const stored = () =>
    bed.database.db
      .selectFrom('initiatives')
      .select(['authority_id', 'title', 'year'])
      .orderBy('id')
      .execute();

  it('publishes the rows of a valid file, keeping the domains it gives and classifying the others', async () => {
    const report = await importInitiatives(bed.database.db, csvFixture('initiatives.csv'), deps());

    expect(report).toMatchObject({
      rows: 3,
      added: 3,
      alreadyPresent: 0,
      domainsFromFile: 2,
      published: true,
    });
    const items = await listInitiatives(bed.database.db, { status: 'published' });
    expect(items.map((item) => [item.authorityId, item.title, item.domains])).toEqual([
      [bed.ids.bourg, 'Budget participatif en ligne', ['participation']],
      [bed.ids.abergement, 'Ateliers numériques pour les aînés', ['acces_inclusion', 'social_sante']],
      [bed.ids.ain, 'Ordinateurs portables pour les collégiens', ['education_periscolaire']],
    ]);
    const first = await getInitiative(bed.database.db, (items[0] as { id: number }).id);
    expect(first).toMatchObject({
      url: 'https://www.bourgenbresse.fr/budget-participatif',
      progress: 'completed',
      contact: 'service.democratie@bourg.example',
      source: 'import:initiatives.csv',
      submittedBy: 'ana@exemple.fr',
      status: 'published',
      moderation: { moderator: 'ana@exemple.fr', reason: 'import de initiatives.csv' },
    });
    expect(first.classifications).toHaveLength(1);
    expect(first.classifications[0]).toMatchObject({ source: 'classifier', supersedesId: null });
    expect(first.classifications[0]?.classifierVersion).toMatch(/^logreg-2026\.1-[0-9a-f]{8}$/);
    const ain = await getInitiative(bed.database.db, (items[2] as { id: number }).id);
    expect(ain.classifications[0]).toMatchObject({
      source: 'import',
      evidence: { file: 'initiatives.csv', line: 4 },
    });
  });

  it('adds nothing when the same file is imported again', async () => {
    await importInitiatives(bed.database.db, csvFixture('initiatives.csv'), deps());
    const before = await stored();

    const again = await importInitiatives(bed.database.db, csvFixture('initiatives.csv'), deps());

    expect(again).toMatchObject({ rows: 3, added: 0, alreadyPresent: 3 });
    expect(await stored()).toEqual(before);
  });

  it('leaves the rows waiting for moderation with --pending', async () => {
    await importInitiatives(bed.database.db, csvFixture('initiatives.csv'), { ...deps(), pending: true });

    expect(await listInitiatives(bed.database.db, { status: 'published' })).toEqual([]);
    expect(await listInitiatives(bed.database.db, { status: 'submitted' })).toHaveLength(3);
  });

  it('rejects a file with any bad row, listing every problem by line and column, and writes nothing', async () => {
    const error = await expectRejected(
      () => importInitiatives(bed.database.db, csvFixture('initiatives-invalid.csv'), deps()),
      stored,
    );

    expect(error.message).toBe(
      'Import des initiatives annulé : 7 problème(s) dans initiatives-invalid.csv, aucune ligne enregistrée.',
    );
    expect(error.problems.map(formatProblem)).toEqual([
      'initiatives-invalid.csv, ligne 3, colonne « Code Insee » : collectivité inconnue : aucun code INSEE de commune « 01999 » connu parmi les collectivités de catégorie commune',
      'initiatives-invalid.csv, ligne 4, colonne « Titre » : titre manquant',
      'initiatives-invalid.csv, ligne 4, colonne « Année » : année « 1850 » invalide (attendu : de 1990 à 2027)',
      'initiatives-invalid.csv, ligne 4, colonne « URL » : adresse invalide : « pas une adresse » contient des espaces',
      'initiatives-invalid.csv, ligne 4, colonne « État » : état « bientôt » non reconnu (attendu : en projet, en cours, réalisée, abandonnée)',
      expect.stringMatching(
        /^initiatives-invalid\.csv, ligne 4, colonne « Domaines » : domaine « culture » inconnu/,
      ),
      'initiatives-invalid.csv, ligne 5, colonne « Code Insee » : doublon : commune 01053, initiative « BUDGET PARTICIPATIF EN LIGNE » de 2025, figure déjà à la ligne 2',
    ]);
  });

  it('names the missing columns of a file it cannot read', async () => {
    const file = bed.writeTmp('sans-titre.csv', 'Code Insee;Description\n01053;Quelque chose\n');
    const error = await expectRejected(() => importInitiatives(bed.database.db, file, deps()), stored);
    expect(error.problems[0]?.message).toMatch(
      /^colonnes manquantes : titre \(Titre, Intitulé.*\) ; année \(Année/,
    );
  });

  it('refuses an importer who is not named by an e-mail address', async () => {
    const error = await expectRejected(
      () => importInitiatives(bed.database.db, csvFixture('initiatives.csv'), { ...deps(), by: 'ana' }),
      stored,
    );
    expect(error.message).toContain('« ana » n’est pas une adresse électronique');
  });
});
