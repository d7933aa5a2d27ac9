import { toCsv } from '../../shared/csv-write.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { DomainTaxonomy } from '../domains.ts';
import { PROGRESS_LABELS } from '../initiative.rules.ts';
import type { publishedInitiatives } from './published-initiatives.query.ts';

/**
 * The open-data exports of the registry: CSV for spreadsheets (its columns are those the
 * import reads, so an export can be imported elsewhere as it is) and JSON with the taxonomy
 * and the provenance of each classification. Pure.
 */

export type PublishedEntries = Awaited<ReturnType<typeof publishedInitiatives>>;
type Published = PublishedEntries;

export const EXPORT_COLUMNS = [
  'Code',
  'Catégorie',
  'Collectivité',
  'Région',
  'Département',
  'Population',
  'Titre',
  'Description',
  'Année',
  'État',
  'URL',
  'Domaines',
  'Domaine principal',
  'Classement',
] as const;

const CLASSIFICATION_LABELS = {
  classifier: 'automatique',
  analyst: 'analyste',
  import: 'fichier importé',
} as const;

/** One initiative's values, in the order of EXPORT_COLUMNS (the CSV's and the XLSX's). */
export function exportValues({ initiative, domains }: Published[number]) {
  return [
    initiative.authorityCode,
    authorityKindName(initiative.authorityKind),
    initiative.authorityName,
    initiative.regionCode,
    initiative.departementCode,
    initiative.population,
    initiative.title,
    initiative.description,
    initiative.year,
    PROGRESS_LABELS[initiative.progress],
    initiative.url,
    domains.map((entry) => entry.domain).join(', '),
    domains[0]?.domain,
    CLASSIFICATION_LABELS[initiative.classificationSource],
  ] as const;
}

export function initiativesCsv(published: Published): string {
  return toCsv(EXPORT_COLUMNS, published.map(exportValues));
}

export function initiativesJson(published: Published, taxonomy: DomainTaxonomy, generatedAt: Date): string {
  return `${JSON.stringify(
    {
      generated_at: generatedAt.toISOString(),
      taxonomy: {
        version: taxonomy.version,
        domains: taxonomy.domains.map(({ key, label, description }) => ({ key, label, description })),
      },
      initiatives: published.map(({ initiative, domains }) => ({
        id: initiative.id,
        authority: {
          kind: initiative.authorityKind,
          code: initiative.authorityCode,
          name: initiative.authorityName,
          region_code: initiative.regionCode,
          departement_code: initiative.departementCode,
          population: initiative.population,
        },
        title: initiative.title,
        description: initiative.description,
        year: initiative.year,
        progress: initiative.progress,
        url: initiative.url,
        published_at: initiative.publishedAt,
        domains: domains.map((entry) => ({ key: entry.domain, confidence: entry.confidence })),
        classification_source: initiative.classificationSource,
      })),
    },
    null,
    2,
  )}\n`;
}
