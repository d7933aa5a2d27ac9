import type { Readable } from 'node:stream';
import { simulatedSitesOfEdition } from '../../audits/simulated-sites.ts';
import type { EditionRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { findEdition } from '../../editions/editions.service.ts';
import { csvStream } from './csv-export.ts';
import type { Dataset } from './datasets/dataset.ts';
import { EDITION_DATASETS } from './edition-datasets.ts';
import type { Field } from './fields.ts';
import { type DataLicence, dataPackage, tableSchema } from './table-schema.ts';

/**
 * An edition's open data served on demand (the site's open-data page): the same datasets,
 * CSV writer and descriptors as `barometre export`, streamed rather than written to files.
 */

export interface DatasetEntry {
  name: string;
  title: string;
  description: string;
  fields: readonly Field[];
  /** False until the edition has this table (indicators before they are computed). */
  available: boolean;
}

/** The datasets an edition publishes now, and those it does not have yet. */
export async function splitByAvailability(
  db: Executor,
  edition: EditionRow,
  datasets: readonly Dataset[],
): Promise<{ available: Dataset[]; skipped: string[] }> {
  const available: Dataset[] = [];
  const skipped: string[] = [];
  for (const dataset of datasets) {
    if (!dataset.available || (await dataset.available(db, edition))) available.push(dataset);
    else skipped.push(dataset.name);
  }
  return { available, skipped };
}

/** Every table of an edition's open data with its dictionary; undefined for an unknown edition. */
export async function editionDatasets(db: Executor, year: number): Promise<DatasetEntry[] | undefined> {
  const edition = await findEdition(db, year);
  if (!edition) return undefined;
  const { available } = await splitByAvailability(db, edition, EDITION_DATASETS);
  return EDITION_DATASETS.map((d) => ({
    name: d.name,
    title: d.title,
    description: d.description,
    fields: d.fields,
    available: available.includes(d),
  }));
}

/** An available dataset of an edition, or undefined (unknown edition or table, not computed yet). */
async function availableDataset(db: Executor, year: number, name: string) {
  const edition = await findEdition(db, year);
  const dataset = EDITION_DATASETS.find((d) => d.name === name);
  if (!edition || !dataset) return undefined;
  const { available } = await splitByAvailability(db, edition, [dataset]);
  return available.length ? { edition, dataset } : undefined;
}

export async function datasetCsv(db: Executor, year: number, name: string): Promise<Readable | undefined> {
  const found = await availableDataset(db, year, name);
  return found && csvStream(db, found.edition, found.dataset);
}

export async function datasetSchema(db: Executor, year: number, name: string) {
  const found = await availableDataset(db, year, name);
  return found && tableSchema(found.dataset);
}

/** The Data Package of the edition's CSV files, their paths relative to the descriptor. */
export async function editionDataPackage(
  db: Executor,
  year: number,
  options: { now: Date; licence: DataLicence },
) {
  const edition = await findEdition(db, year);
  if (!edition) return undefined;
  const { available } = await splitByAvailability(db, edition, EDITION_DATASETS);
  const simulated = (await simulatedSitesOfEdition(db, edition.id)).size > 0;
  const resources = available.map((dataset) => ({
    dataset,
    path: `${dataset.name}.csv`,
    format: 'csv' as const,
    schemaPath: `${dataset.name}.schema.json`,
  }));
  return dataPackage(edition, resources, { ...options, simulated });
}
