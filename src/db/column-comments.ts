import { type Kysely, sql } from 'kysely';
import { isSqlite } from './dialect.ts';
import type { Schema } from './schema.ts';

/**
 * The public data dictionary: one French description per column of the tables whose data Baromètre
 * publishes. On PostgreSQL they are the columns' comments (`\d+ authorities` shows them); the open-data
 * exports take their Table Schema field descriptions from here (docs/open-data.md). SQLite has no
 * column comments, so this module is the single source on both engines.
 */
type Described<T> = { [column in keyof T]?: string };
export type ColumnComments = { [table in keyof Schema]?: Described<Schema[table]> };

export const COLUMN_COMMENTS = {
  authorities: {
    kind: 'Type de collectivité : region, departement, collectivite_unique, epci ou commune.',
    code: 'Code officiel de la collectivité : code INSEE (région, département, commune), SIREN (EPCI) ou code COG (collectivité unique).',
    siren: 'Numéro SIREN de la collectivité, quand il est connu.',
    name: 'Nom officiel de la collectivité.',
    region_code: 'Code INSEE de la région du territoire.',
    departement_code: 'Code INSEE du département du territoire.',
    epci_siren: 'SIREN de l’EPCI à fiscalité propre dont la commune est membre.',
    population:
      'Population municipale (INSEE) ; pour un groupement ou un département, somme de celles de ses communes.',
    population_year: 'Millésime du recensement de la population.',
    status_note: 'Particularité de statut (collectivité unique, compétences départementales…).',
  },
  authority_websites: {
    url: 'Adresse du site internet officiel de la collectivité.',
    source: 'Provenance de l’adresse (liste livrée avec Baromètre ou fichier importé).',
  },
  authority_finances: {
    year: 'Exercice budgétaire.',
    operating_revenue: 'Recettes réelles de fonctionnement de l’exercice, en euros (OFGL, DGFiP).',
  },
  editions: {
    year: 'Année de l’édition du baromètre.',
    title: 'Titre de l’édition.',
    referential_version: 'Version du référentiel des services attendus sur laquelle l’édition est évaluée.',
    status: 'État de l’édition : draft (provisoire) ou published (publiée, évaluations figées).',
    published_at: 'Date et heure de publication de l’édition (UTC).',
  },
  themes: {
    key: 'Identifiant stable de la thématique dans le référentiel.',
    name: 'Nom de la thématique.',
  },
  services: {
    key: 'Identifiant stable du service dans le référentiel.',
    name: 'Nom du service en ligne attendu.',
    theme_key: 'Identifiant de la thématique du service.',
  },
  assessments: {
    id: 'Numéro de l’évaluation ; une correction crée une nouvelle évaluation, l’ancienne est conservée.',
    level:
      'Niveau de numérisation de 0 à 4 : 0 absent, 1 information seule, 2 démarche partielle, 3 dépôt en ligne, 4 de bout en bout.',
    channel:
      'Canal de la démarche : plateforme de téléservice, ou third_party:<organisme> quand un tiers (CAF, ANTS, DGFiP…) la traite.',
    platform: 'Plateforme de téléservice détectée (démarches-simplifiées, Publik, PayFiP…).',
    evidence_url: 'Page qui montre le service au niveau retenu.',
    source:
      'Provenance de l’évaluation : crawler (collecte automatique), analyst (revue par un analyste), survey (enquête) ou declared (déclarée par la collectivité, à revoir).',
    confidence: 'Confiance de la détection automatique, de 0 à 1 ; vide quand une personne a évalué.',
    comment: 'Commentaire de l’analyste.',
    created_at: 'Date et heure de l’évaluation (UTC).',
  },
  authority_indicators: {
    peer_group:
      'Groupe de pairs : type de collectivité et strate de population (INSEE/DGCL), vide quand la population est inconnue.',
    revenue_per_inhabitant: 'Recettes réelles de fonctionnement par habitant, en euros.',
    has_website: 'Vrai quand la collectivité a un site internet connu ou audité dans l’édition.',
    services_applicable: 'Nombre de services du référentiel qui relèvent des compétences de la collectivité.',
    services_assessed: 'Services applicables ayant une évaluation ; les autres comptent au niveau 0.',
    level_0: 'Services applicables au niveau 0 (absent).',
    level_1: 'Services applicables au niveau 1 (information seule).',
    level_2: 'Services applicables au niveau 2 (démarche partielle).',
    level_3: 'Services applicables au niveau 3 (dépôt en ligne).',
    level_4: 'Services applicables au niveau 4 (de bout en bout).',
    end_to_end: 'Services digitalisés de bout en bout (niveau 4).',
    partial: 'Services partiellement digitalisés (niveaux 2 et 3).',
    themes_applicable: 'Thématiques dont au moins un service s’applique à la collectivité.',
    themes_covered: 'Thématiques couvertes : au moins un service au niveau 2 ou plus.',
    portal_score:
      'Qualité du portail de 0 à 100, d’après les contrôles du site audité ; vide sans contrôle concluant.',
    index_score: 'Indice composite de 0 à 100 (pondérations de la méthode, docs/methodology.md).',
    index_partial: 'Vrai quand une composante manquait et que l’indice repose sur les autres, repondérées.',
    rank: 'Rang de l’indice parmi les collectivités du même type (1 = meilleur ; ex aequo au même rang).',
    rank_total: 'Nombre de collectivités du même type classées.',
    peer_rank: 'Rang de l’indice dans le groupe de pairs.',
    peer_total: 'Nombre de collectivités du groupe de pairs.',
    percentile: 'Rang centile de l’indice parmi les collectivités du même type (0 à 100).',
    index_change: 'Évolution de l’indice depuis l’édition précédente, en points ; vide si non comparable.',
    end_to_end_change: 'Évolution du nombre de services de bout en bout depuis l’édition précédente.',
    change_status:
      'Lecture de l’évolution : comparable, not_comparable (référentiel ou méthode changés), new (absente de l’édition précédente) ou none (pas d’édition précédente).',
  },
} as const satisfies ColumnComments;

/**
 * Writes the dictionary as PostgreSQL column comments. COMMENT ON replaces, so running it after every
 * migration keeps the comments equal to this file without a migration per wording change.
 */
// biome-ignore lint/suspicious/noExplicitAny: runs right after the untyped migrations.
export async function applyColumnComments(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return;
  for (const [table, columns] of Object.entries(COLUMN_COMMENTS)) {
    for (const [column, comment] of Object.entries(columns)) {
      await sql`comment on column ${sql.id(table, column)} is ${sql.lit(comment)}`.execute(db);
    }
  }
}
