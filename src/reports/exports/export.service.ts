import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { simulatedSitesOfEdition } from '../../audits/simulated-sites.ts';
import type { Executor } from '../../db/transaction.ts';
import { requireEdition } from '../../editions/editions.service.ts';
import { writeCsv } from './csv-export.ts';
import type { Dataset } from './datasets/dataset.ts';
import { EDITION_DATASETS } from './edition-datasets.ts';
import { writeJson } from './json-export.ts';
import { splitByAvailability } from './open-data.service.ts';
import { type DataLicence, dataPackage, type PackageResource, tableSchema } from './table-schema.ts';
import { writeXlsx } from './xlsx-export.ts';

export { EDITION_DATASETS };

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  path: string;
  rows?: number;
}

export interface ExportReport {
  files: ExportedFile[];
  /** Tables the edition does not have yet (indicators before `barometre indicators compute`). */
  skipped: string[];
}

/**
 * Writes an edition's open data in one format into `outDir`. Files are written in a scratch
 * directory beside it and moved in only once all are complete, so a failure leaves `outDir` as it was.
 */
export async function exportEdition(
  db: Executor,
  input: {
    year: number;
    format: ExportFormat;
    outDir: string;
    now: Date;
    licence: DataLicence;
    datasets?: readonly Dataset[];
  },
): Promise<ExportReport> {
  const edition = await requireEdition(db, input.year);
  const { available: datasets, skipped } = await splitByAvailability(
    db,
    edition,
    input.datasets ?? EDITION_DATASETS,
  );
  const scratch = `${path.resolve(input.outDir)}.partial-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(scratch, { recursive: true });
  try {
    const written: { name: string; rows?: number }[] = [];
    const resources: PackageResource[] = [];
    const writeText = (name: string, text: string) => {
      fs.writeFileSync(path.join(scratch, name), text);
      written.push({ name });
    };
    if (input.format === 'xlsx') {
      const name = `barometre-${edition.year}.xlsx`;
      const counts = await writeXlsx(db, edition, datasets, path.join(scratch, name));
      written.push({ name, rows: [...counts.values()].reduce((sum, n) => sum + n, 0) });
    } else {
      for (const dataset of datasets) {
        const name = `${dataset.name}.${input.format}`;
        const write = input.format === 'csv' ? writeCsv : writeJson;
        written.push({ name, rows: await write(db, edition, dataset, path.join(scratch, name)) });
        const schemaPath = `${dataset.name}.schema.json`;
        writeText(schemaPath, `${JSON.stringify(tableSchema(dataset), null, 2)}\n`);
        resources.push({ dataset, path: name, format: input.format, schemaPath });
      }
      const simulated = (await simulatedSitesOfEdition(db, edition.id)).size > 0;
      const descriptor = dataPackage(edition, resources, {
        now: input.now,
        licence: input.licence,
        simulated,
      });
      writeText('datapackage.json', `${JSON.stringify(descriptor, null, 2)}\n`);
    }
    fs.mkdirSync(input.outDir, { recursive: true });
    const files = written.map(({ name, rows }) => {
      const target = path.join(input.outDir, name);
      fs.renameSync(path.join(scratch, name), target);
      return { path: target, ...(rows === undefined ? {} : { rows }) };
    });
    return { files, skipped };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
