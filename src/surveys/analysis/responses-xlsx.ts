import { type SheetSource, writeSheetsXlsx } from '../../reports/exports/xlsx-export.ts';
import type { ResponsesTable } from './responses-csv.rules.ts';

const DESCRIPTIONS: Record<string, string> = {
  reponse: 'Numéro de la réponse, dans un ordre qui ne dit rien de qui a répondu ni quand',
  type_collectivite: 'Type de la collectivité du répondant',
  taille: 'Tranche de population de la collectivité',
  region: 'Code de la région de la collectivité',
  profil: 'Profil du répondant : agent, élu ou collectivité',
  poids: 'Poids de redressement (ratissage sur type, taille et région), vide sans redressement',
};

/**
 * The anonymised responses as a workbook (the open-data XLSX writer): the CSV's columns, numbers
 * as numbers, and a dictionary sheet. Same anonymisation: no e-mail, no authority, no free text.
 */
export async function writeResponsesXlsx(table: ResponsesTable, file: string): Promise<number> {
  const sheet: SheetSource = {
    name: 'reponses',
    fields: table.headers.map((header) => ({
      name: header,
      title: header,
      type: header === 'reponse' ? 'integer' : header === 'poids' ? 'number' : 'string',
      description:
        DESCRIPTIONS[header] ?? `Réponse à la question « ${header} » (choix multiples séparés par |)`,
    })),
    rows: async function* () {
      yield table.rows;
    },
  };
  const counts = await writeSheetsXlsx([sheet], file);
  return counts.get('reponses') ?? 0;
}
