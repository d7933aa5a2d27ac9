import { COLUMN_COMMENTS } from '../../db/column-comments.ts';
import { AUTHORITY_KINDS } from '../../db/schema.ts';

/**
 * A column of an open-data export, typed as Table Schema types it (https://specs.frictionlessdata.io/table-schema/):
 * the same definition drives the CSV's schema, the XLSX cell types and the JSON.
 */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'year';

export interface Field {
  name: string;
  title: string;
  type: FieldType;
  description: string;
  constraints?: { required?: boolean; enum?: readonly string[]; minimum?: number; maximum?: number };
}

export type CellValue = string | number | boolean | null;
export type ExportRow = Record<string, CellValue>;

type Comments = typeof COLUMN_COMMENTS;

/**
 * A field that publishes a stored column: its description is that column's comment, so the
 * published dictionary and the database never say different things.
 */
export function columnField<T extends keyof Comments, C extends keyof Comments[T] & string>(
  table: T,
  column: C,
  field: Omit<Field, 'description'>,
): Field {
  return { ...field, description: COLUMN_COMMENTS[table][column] as string };
}

/** The key and name of an authority, first in every per-authority table. */
export const AUTHORITY_KEY_FIELDS: readonly Field[] = [
  columnField('authorities', 'kind', {
    name: 'type_collectivite',
    title: 'Type de collectivité',
    type: 'string',
    constraints: { required: true, enum: AUTHORITY_KINDS },
  }),
  columnField('authorities', 'code', {
    name: 'code_collectivite',
    title: 'Code de la collectivité',
    type: 'string',
    constraints: { required: true },
  }),
  columnField('authorities', 'name', {
    name: 'nom',
    title: 'Nom',
    type: 'string',
    constraints: { required: true },
  }),
];
