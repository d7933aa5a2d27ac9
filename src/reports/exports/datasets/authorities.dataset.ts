import { AUTHORITY_KEY_FIELDS, columnField } from '../fields.ts';
import { BATCH_SIZE, type Dataset } from './dataset.ts';

/**
 * The authorities assessed in the edition, with what the correlations use: population and
 * operating revenue (the latest year not after the edition's), and the website that was audited.
 */
export const authoritiesDataset: Dataset = {
  name: 'collectivites',
  title: 'Collectivités évaluées',
  description:
    'Une ligne par collectivité évaluée dans l’édition : identité, population, recettes réelles de fonctionnement et site internet.',
  primaryKey: ['type_collectivite', 'code_collectivite'],
  fields: [
    ...AUTHORITY_KEY_FIELDS,
    columnField('authorities', 'siren', { name: 'siren', title: 'SIREN', type: 'string' }),
    columnField('authorities', 'region_code', { name: 'code_region', title: 'Code région', type: 'string' }),
    columnField('authorities', 'departement_code', {
      name: 'code_departement',
      title: 'Code département',
      type: 'string',
    }),
    columnField('authorities', 'epci_siren', {
      name: 'siren_epci',
      title: 'SIREN de l’EPCI',
      type: 'string',
    }),
    columnField('authorities', 'population', {
      name: 'population',
      title: 'Population',
      type: 'integer',
      constraints: { minimum: 0 },
    }),
    columnField('authorities', 'population_year', {
      name: 'annee_population',
      title: 'Année de la population',
      type: 'year',
    }),
    columnField('authority_finances', 'operating_revenue', {
      name: 'recettes_fonctionnement',
      title: 'Recettes réelles de fonctionnement (€)',
      type: 'number',
    }),
    columnField('authority_finances', 'year', {
      name: 'annee_recettes',
      title: 'Exercice des recettes',
      type: 'year',
    }),
    columnField('authority_websites', 'url', {
      name: 'site_internet',
      title: 'Site internet',
      type: 'string',
    }),
  ],
  async *rows(db, edition) {
    for (let after = 0; ; ) {
      const batch = await db
        .selectFrom('authorities as au')
        .select([
          'au.id',
          'au.kind',
          'au.code',
          'au.name',
          'au.siren',
          'au.region_code',
          'au.departement_code',
          'au.epci_siren',
          'au.population',
          'au.population_year',
        ])
        .select((eb) => {
          const latestFinances = eb
            .selectFrom('authority_finances as f')
            .whereRef('f.authority_id', '=', 'au.id')
            .where('f.year', '<=', edition.year)
            .orderBy('f.year', 'desc')
            .limit(1);
          return [
            latestFinances.select('f.year').as('revenueYear'),
            latestFinances.select('f.operating_revenue').as('revenue'),
            eb
              .selectFrom('authority_websites as w')
              .select('w.url')
              .whereRef('w.authority_id', '=', 'au.id')
              .where('w.retired_at', 'is', null)
              .orderBy('w.id', 'desc')
              .limit(1)
              .as('website'),
          ];
        })
        .where('au.id', '>', after)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('current_assessments as a')
              .select('a.id')
              .whereRef('a.authority_id', '=', 'au.id')
              .where('a.edition_id', '=', edition.id),
          ),
        )
        .orderBy('au.id')
        .limit(BATCH_SIZE)
        .execute();
      if (batch.length === 0) return;
      after = batch[batch.length - 1]?.id ?? after;
      yield batch.map((row) => ({
        type_collectivite: row.kind,
        code_collectivite: row.code,
        nom: row.name,
        siren: row.siren,
        code_region: row.region_code,
        code_departement: row.departement_code,
        siren_epci: row.epci_siren,
        population: row.population,
        annee_population: row.population_year,
        recettes_fonctionnement: row.revenue,
        annee_recettes: row.revenueYear,
        site_internet: row.website,
      }));
    }
  },
};
