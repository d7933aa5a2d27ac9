import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ExportRow, Field, FieldType } from '../../reports/exports/fields.ts';
import { writeSheetsXlsx } from '../../reports/exports/xlsx-export.ts';
import { EXPORT_COLUMNS, exportValues, type PublishedEntries } from './initiatives-export.ts';

/**
 * The registry as a workbook: the CSV's columns, typed (population, year as numbers, so that
 * spreadsheets sort and sum them), with a « dictionnaire » sheet describing each column.
 */

const FIELD_NOTES: Record<(typeof EXPORT_COLUMNS)[number], [FieldType, string]> = {
  Code: ['string', 'Code officiel géographique (ou SIREN) de la collectivité'],
  Catégorie: ['string', 'Type de collectivité'],
  Collectivité: ['string', 'Nom de la collectivité'],
  Région: ['string', 'Code de la région'],
  Département: ['string', 'Code du département'],
  Population: ['integer', 'Population municipale ou totale la plus récente connue'],
  Titre: ['string', 'Titre de l’initiative'],
  Description: ['string', 'Description de l’initiative'],
  Année: ['year', 'Année de mise en œuvre'],
  État: ['string', 'Avancement : en projet, en cours, réalisée, abandonnée'],
  URL: ['string', 'Page qui présente l’initiative'],
  Domaines: ['string', 'Domaines de l’initiative (clés de la taxonomie), le principal d’abord'],
  'Domaine principal': ['string', 'Premier domaine de l’initiative'],
  Classement: ['string', 'Qui a classé : automatique, analyste ou fichier importé'],
};

export const INITIATIVE_FIELDS: readonly Field[] = EXPORT_COLUMNS.map((name) => {
  const [type, description] = FIELD_NOTES[name];
  return { name, title: name, type, description };
});

function rowOf(entry: PublishedEntries[number]): ExportRow {
  const values = exportValues(entry);
  return Object.fromEntries(EXPORT_COLUMNS.map((name, index) => [name, values[index] ?? null]));
}

/** The workbook's bytes (written through a temporary file, as the streaming writer requires). */
export async function initiativesXlsx(published: PublishedEntries): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'barometre-initiatives-'));
  try {
    const file = path.join(dir, 'initiatives.xlsx');
    await writeSheetsXlsx(
      [
        {
          name: 'initiatives',
          fields: INITIATIVE_FIELDS,
          rows: async function* () {
            yield published.map(rowOf);
          },
        },
      ],
      file,
    );
    return await fs.readFile(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
