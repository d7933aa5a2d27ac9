import type { COLUMN_COMMENTS } from '../../../db/column-comments.ts';
import { AUTHORITY_KEY_FIELDS, columnField, type Field } from '../fields.ts';
import { BATCH_SIZE, type Dataset, indicatorsComputed } from './dataset.ts';

const count = (
  column: keyof (typeof COLUMN_COMMENTS)['authority_indicators'],
  name: string,
  title: string,
): Field =>
  columnField('authority_indicators', column, { name, title, type: 'integer', constraints: { minimum: 0 } });

/** The edition's stored indicators, one row per authority of its panel (docs/methodology.md). */
export const indicatorsDataset: Dataset = {
  name: 'indicateurs',
  title: 'Indicateurs par collectivité',
  description:
    'Une ligne par collectivité du panel de l’édition : services par niveau, thématiques couvertes, qualité du portail, indice composite, rangs et évolution.',
  primaryKey: ['type_collectivite', 'code_collectivite'],
  available: indicatorsComputed,
  fields: [
    ...AUTHORITY_KEY_FIELDS,
    columnField('authority_indicators', 'peer_group', {
      name: 'groupe_pairs',
      title: 'Groupe de pairs',
      type: 'string',
    }),
    columnField('authority_indicators', 'revenue_per_inhabitant', {
      name: 'recettes_par_habitant',
      title: 'Recettes par habitant (€)',
      type: 'number',
    }),
    columnField('authority_indicators', 'has_website', {
      name: 'site_internet',
      title: 'Site internet',
      type: 'boolean',
    }),
    count('services_applicable', 'services_applicables', 'Services applicables'),
    count('level_0', 'niveau_0', 'Niveau 0'),
    count('level_1', 'niveau_1', 'Niveau 1'),
    count('level_2', 'niveau_2', 'Niveau 2'),
    count('level_3', 'niveau_3', 'Niveau 3'),
    count('level_4', 'niveau_4', 'Niveau 4'),
    count('end_to_end', 'bout_en_bout', 'De bout en bout'),
    count('partial', 'partiels', 'Partiellement digitalisés'),
    count('themes_applicable', 'thematiques_applicables', 'Thématiques applicables'),
    count('themes_covered', 'thematiques_couvertes', 'Thématiques couvertes'),
    columnField('authority_indicators', 'portal_score', {
      name: 'score_portail',
      title: 'Qualité du portail',
      type: 'number',
      constraints: { minimum: 0, maximum: 100 },
    }),
    columnField('authority_indicators', 'index_score', {
      name: 'indice',
      title: 'Indice',
      type: 'number',
      constraints: { required: true, minimum: 0, maximum: 100 },
    }),
    columnField('authority_indicators', 'index_partial', {
      name: 'indice_partiel',
      title: 'Indice partiel',
      type: 'boolean',
    }),
    count('rank', 'rang', 'Rang'),
    count('rank_total', 'rang_sur', 'Classées'),
    columnField('authority_indicators', 'peer_rank', {
      name: 'rang_pairs',
      title: 'Rang parmi les pairs',
      type: 'integer',
    }),
    columnField('authority_indicators', 'peer_total', {
      name: 'pairs',
      title: 'Pairs classés',
      type: 'integer',
    }),
    columnField('authority_indicators', 'percentile', {
      name: 'centile',
      title: 'Rang centile',
      type: 'number',
      constraints: { minimum: 0, maximum: 100 },
    }),
    columnField('authority_indicators', 'index_change', {
      name: 'evolution_indice',
      title: 'Évolution de l’indice',
      type: 'number',
    }),
    columnField('authority_indicators', 'end_to_end_change', {
      name: 'evolution_bout_en_bout',
      title: 'Évolution des services de bout en bout',
      type: 'integer',
    }),
    columnField('authority_indicators', 'change_status', {
      name: 'comparabilite',
      title: 'Comparabilité',
      type: 'string',
      constraints: { enum: ['comparable', 'not_comparable', 'new', 'none'] },
    }),
  ],
  async *rows(db, edition) {
    for (let after = 0; ; ) {
      const batch = await db
        .selectFrom('authority_indicators as i')
        .innerJoin('authorities as au', 'au.id', 'i.authority_id')
        .selectAll('i')
        .select(['au.code', 'au.name'])
        .where('i.edition_id', '=', edition.id)
        .where('i.authority_id', '>', after)
        .orderBy('i.authority_id')
        .limit(BATCH_SIZE)
        .execute();
      if (batch.length === 0) return;
      after = batch[batch.length - 1]?.authority_id ?? after;
      yield batch.map((row) => ({
        type_collectivite: row.kind,
        code_collectivite: row.code,
        nom: row.name,
        groupe_pairs: row.peer_group,
        recettes_par_habitant: row.revenue_per_inhabitant,
        site_internet: row.has_website === 1,
        services_applicables: row.services_applicable,
        niveau_0: row.level_0,
        niveau_1: row.level_1,
        niveau_2: row.level_2,
        niveau_3: row.level_3,
        niveau_4: row.level_4,
        bout_en_bout: row.end_to_end,
        partiels: row.partial,
        thematiques_applicables: row.themes_applicable,
        thematiques_couvertes: row.themes_covered,
        score_portail: row.portal_score,
        indice: row.index_score,
        indice_partiel: row.index_partial === 1,
        rang: row.rank,
        rang_sur: row.rank_total,
        rang_pairs: row.peer_rank,
        pairs: row.peer_total,
        centile: row.percentile,
        evolution_indice: row.index_change,
        evolution_bout_en_bout: row.end_to_end_change,
        comparabilite: row.change_status,
      }));
    }
  },
};
