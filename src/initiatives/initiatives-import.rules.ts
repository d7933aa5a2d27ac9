import type { AuthorityKind } from '../db/schema.ts';
import { type CsvRow, findHeader } from '../shared/csv.ts';
import {
  type AuthorityColumns,
  type AuthorityRecord,
  findAuthorityColumns,
  findDuplicateRecords,
  type LayoutDetection,
  missingColumns,
  type RowOutcome,
  type RowProblem,
  resolveRowAuthority,
} from '../territories/authority-columns.ts';
import type { AuthorityLookup } from '../territories/authority-lookup.ts';
import type { DomainTaxonomy } from './domains.ts';
import {
  type FieldProblem,
  type InitiativeFields,
  initiativeIdentity,
  parseDomainList,
  type RawInitiativeFields,
  validateInitiative,
} from './initiative.rules.ts';

/** Pure rules of the initiatives CSV import: accepted columns, row validation, duplicates. */

const ALIASES = {
  title: ['Titre', 'Intitulé', 'Nom de l’initiative', 'Initiative', 'Title'],
  description: ['Description', 'Descriptif', 'Résumé'],
  year: ['Année', 'Annee', 'Année de lancement', 'Millésime', 'Year'],
  domains: ['Domaines', 'Domaine', 'Thématiques', 'Thématique', 'Domains'],
  url: ['URL', 'Lien', 'Adresse web', 'Site', 'Link'],
  progress: ['État', 'Etat', 'Avancement', 'Statut', 'Status'],
  contact: ['Contact', 'Courriel', 'E-mail', 'Email'],
} as const;

type Field = keyof typeof ALIASES;
const REQUIRED: readonly Field[] = ['title', 'description', 'year'];

export interface InitiativesLayout {
  authority: AuthorityColumns;
  columns: Partial<Record<Field, string>>;
}

export function detectInitiativesLayout(headers: readonly string[]): LayoutDetection<InitiativesLayout> {
  const authority = findAuthorityColumns(headers);
  const columns: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(ALIASES) as Field[]) {
    const header = findHeader(headers, ALIASES[field]);
    if (header !== undefined) columns[field] = header;
  }
  const missing = [
    authority ? undefined : 'le code de la collectivité (Code Insee, Siren, Code commune…)',
    ...REQUIRED.filter((field) => columns[field] === undefined).map(
      (field) => `${ALIASES[field][0].toLowerCase()} (${ALIASES[field].join(', ')})`,
    ),
  ].filter((part) => part !== undefined);
  if (!authority || missing.length > 0) {
    return missingColumns(missing, headers);
  }
  return { ok: true, layout: { authority, columns } };
}

export interface InitiativeRecord extends AuthorityRecord {
  fields: InitiativeFields;
  /** Domains given by the file, main first; undefined when the classifier is to decide. */
  domains?: string[];
}

export function readInitiativeRow(
  row: CsvRow,
  layout: InitiativesLayout,
  lookup: AuthorityLookup,
  taxonomy: DomainTaxonomy,
  now: Date,
  defaultKind?: AuthorityKind,
): Exclude<RowOutcome<InitiativeRecord>, { status: 'ignored' }> {
  const problems: RowProblem[] = [];
  const authority = resolveRowAuthority(row, layout.authority, lookup, defaultKind);
  if (!authority.ok) problems.push(authority.problem);
  const value = (field: Field) => {
    const header = layout.columns[field];
    return header === undefined ? undefined : (row.values[header] ?? '');
  };
  const raw: RawInitiativeFields = {
    title: value('title') ?? '',
    description: value('description') ?? '',
    year: value('year') ?? '',
    ...optional('url', value('url')),
    ...optional('progress', value('progress')),
    ...optional('contact', value('contact')),
  };
  const checked = validateInitiative(raw, now);
  const columnOf = (problem: FieldProblem) => layout.columns[problem.field as Field];
  if (!checked.ok) {
    for (const problem of checked.problems)
      problems.push({ column: columnOf(problem), message: problem.message });
  }
  let domains: string[] | undefined;
  const rawDomains = value('domains');
  if (rawDomains !== undefined && rawDomains.trim() !== '') {
    const parsed = parseDomainList(rawDomains, taxonomy);
    if (parsed.ok) domains = parsed.domains;
    else problems.push({ column: layout.columns.domains, message: parsed.message });
  }
  if (!authority.ok || !checked.ok || problems.length > 0) return { status: 'invalid', problems };
  return {
    status: 'valid',
    record: {
      line: row.line,
      authority: authority.authority,
      codeColumn: authority.column,
      fields: checked.fields,
      ...(domains === undefined ? {} : { domains }),
    },
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The same initiative twice in a file: same authority, year and title (accents and case aside). */
export function findDuplicateInitiatives(
  records: readonly InitiativeRecord[],
): { line: number; problem: RowProblem }[] {
  return findDuplicateRecords(
    records,
    (record) => initiativeIdentity(record.authority.id, record.fields.year, record.fields.title),
    (record) => `initiative « ${record.fields.title} » de ${record.fields.year}`,
  );
}
