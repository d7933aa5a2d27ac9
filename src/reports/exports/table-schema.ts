import type { EditionRow } from '../../db/schema.ts';
import type { Dataset } from './datasets/dataset.ts';

/**
 * Table Schema and Data Package descriptors (Frictionless Data specs, as schema.data.gouv.fr uses
 * them): field names, French titles and descriptions, types and constraints; empty cells are missing values.
 */
export function tableSchema(dataset: Dataset) {
  return {
    name: dataset.name,
    title: dataset.title,
    description: dataset.description,
    fields: dataset.fields.map((field) => ({
      name: field.name,
      title: field.title,
      description: field.description,
      type: field.type,
      ...(field.type === 'datetime' ? { format: 'default' } : {}),
      ...(field.constraints ? { constraints: field.constraints } : {}),
    })),
    primaryKey: [...dataset.primaryKey],
    missingValues: [''],
  };
}

export interface PackageResource {
  dataset: Dataset;
  path: string;
  format: 'csv' | 'xlsx' | 'json';
  schemaPath?: string;
}

const MEDIA_TYPES = {
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Open licences an operator may publish under; the export names one in its data package. */
export const DATA_LICENCES = {
  'etalab-2.0': {
    title: 'Licence Ouverte 2.0',
    path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  },
  'odbl-1.0': { title: 'Open Database License 1.0', path: 'https://opendatacommons.org/licenses/odbl/1-0/' },
  'cc-by-4.0': {
    title: 'Creative Commons Attribution 4.0',
    path: 'https://creativecommons.org/licenses/by/4.0/',
  },
} as const;
export type DataLicence = keyof typeof DATA_LICENCES;
/** The licence of the export command's default and of the site's downloads. */
export const DEFAULT_DATA_LICENCE: DataLicence = 'etalab-2.0';

export function dataPackage(
  edition: EditionRow,
  resources: readonly PackageResource[],
  options: { now: Date; licence: DataLicence; simulated: boolean },
) {
  const status =
    edition.status === 'published'
      ? `Édition ${edition.year} publiée le ${edition.published_at?.slice(0, 10)} ; évaluations figées.`
      : `Édition ${edition.year} provisoire : non publiée, ses évaluations peuvent encore changer.`;
  return {
    name: `barometre-${edition.year}`,
    title: `${edition.title} — données ouvertes${options.simulated ? ' (SIMULÉES)' : ''}`,
    description: options.simulated
      ? `${status} ATTENTION : des sites ont été audités sur la ferme de sites simulés ; les évaluations marquées donnees_simulees sont fictives.`
      : status,
    version: `${edition.year}.${edition.status === 'published' ? 'publiee' : 'provisoire'}`,
    created: options.now.toISOString(),
    licenses: [{ name: options.licence, ...DATA_LICENCES[options.licence] }],
    sources: [{ title: `Référentiel des services ${edition.referential_version}` }],
    resources: resources.map((resource) => ({
      name: resource.dataset.name,
      title: resource.dataset.title,
      description: resource.dataset.description,
      path: resource.path,
      format: resource.format,
      mediatype: MEDIA_TYPES[resource.format],
      ...(resource.format === 'xlsx' ? {} : { encoding: 'utf-8' }),
      schema: resource.schemaPath ?? tableSchema(resource.dataset),
    })),
  };
}
