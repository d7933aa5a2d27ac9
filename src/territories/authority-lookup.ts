import { AUTHORITY_KINDS, type AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';

/**
 * Resolves the codes found in users' files (INSEE codes, SIREN, COG codes of collectivités)
 * to authorities. All authorities are loaded once, so resolving a 35,000-row file costs one
 * query; the lookup itself is pure and can be built from plain records in tests.
 */

export interface AuthorityIdentity {
  id: number;
  kind: AuthorityKind;
  code: string;
  siren: string | null;
}

export type AuthorityResolution =
  | { ok: true; authority: AuthorityIdentity }
  | { ok: false; failure: 'unknown' }
  | { ok: false; failure: 'ambiguous'; candidates: AuthorityIdentity[] };

export interface AuthorityLookup {
  /**
   * Finds the authority whose code or SIREN is `code`, among `kinds` when given. A code that
   * several authorities share (région 84 and département 84) is ambiguous unless kinds narrow it.
   */
  resolve(code: string, kinds?: readonly AuthorityKind[]): AuthorityResolution;
}

export async function loadAuthorityLookup(db: Executor): Promise<AuthorityLookup> {
  const rows = await db.selectFrom('authorities').select(['id', 'kind', 'code', 'siren']).execute();
  return buildAuthorityLookup(rows);
}

export function buildAuthorityLookup(authorities: readonly AuthorityIdentity[]): AuthorityLookup {
  const byCode = new Map<string, AuthorityIdentity[]>();
  const add = (key: string, authority: AuthorityIdentity) => {
    const list = byCode.get(key) ?? [];
    if (!list.some((other) => other.id === authority.id)) list.push(authority);
    byCode.set(key, list);
  };
  for (const authority of authorities) {
    add(authority.code.toUpperCase(), authority);
    if (authority.siren) add(authority.siren, authority);
  }

  return {
    resolve(code, kinds) {
      const found = candidateCodes(code).flatMap((candidate) => byCode.get(candidate) ?? []);
      const matching = dedupe(
        kinds && kinds.length > 0 ? found.filter((a) => kinds.includes(a.kind)) : found,
      );
      const [first] = matching;
      if (!first) return { ok: false, failure: 'unknown' };
      if (matching.length > 1) return { ok: false, failure: 'ambiguous', candidates: matching };
      return { ok: true, authority: first };
    },
  };
}

/**
 * The code as written, plus the code with the leading zero a spreadsheet dropped when it
 * read "01001" as a number (1001 → 01001, 1 → 01). Other lengths are left alone.
 */
export function candidateCodes(raw: string): string[] {
  const code = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (code === '') return [];
  if (/^\d{4}$/.test(code) || /^\d$/.test(code)) return [code, `0${code}`];
  return [code];
}

function dedupe(authorities: AuthorityIdentity[]): AuthorityIdentity[] {
  return [...new Map(authorities.map((a) => [a.id, a])).values()];
}

const KIND_LABELS: Readonly<Record<AuthorityKind, readonly string[]>> = {
  commune: ['commune', 'communes', 'com', 'ville', 'paris', 'commune nouvelle'],
  departement: ['departement', 'departements', 'dep', 'dept', 'dpt', 'cd', 'conseil departemental'],
  region: ['region', 'regions', 'reg', 'cr', 'conseil regional'],
  epci: [
    'epci',
    'gfp',
    'groupement',
    'groupement a fiscalite propre',
    'interco',
    'intercommunalite',
    'metropole',
    'met',
    'ml',
    'cu',
    'ca',
    'cc',
    'communaute de communes',
    'communaute d agglomeration',
    'communaute urbaine',
    'ept',
  ],
  collectivite_unique: [
    'collectivite unique',
    'collectivite territoriale unique',
    'ctu',
    'csp',
    'collectivite a statut particulier',
    'collectivite europeenne d alsace',
  ],
};

/** "Département", "GFP", "CTU", "departement"… → the kind; undefined when the label is not one we know. */
export function parseAuthorityKind(label: string): AuthorityKind | undefined {
  const normalized = label
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (normalized === '') return undefined;
  for (const kind of AUTHORITY_KINDS) {
    if (normalized === kind.replace('_', ' ') || KIND_LABELS[kind].includes(normalized)) return kind;
  }
  return undefined;
}

const KIND_NAMES: Record<AuthorityKind, string> = {
  region: 'région',
  departement: 'département',
  collectivite_unique: 'collectivité unique',
  epci: 'EPCI',
  commune: 'commune',
};

const KIND_NAMES_WITH_ARTICLE: Record<AuthorityKind, string> = {
  region: 'une région',
  departement: 'un département',
  collectivite_unique: 'une collectivité unique',
  epci: 'un EPCI',
  commune: 'une commune',
};

/** French name of a kind, for messages: "département", or "un département" with its article. */
export function authorityKindName(kind: AuthorityKind, withArticle = false): string {
  return withArticle ? KIND_NAMES_WITH_ARTICLE[kind] : KIND_NAMES[kind];
}

/** One authority named by a user on the command line or in a URL, or a French error saying why not. */
export async function findAuthorityByCode(
  db: Executor,
  code: string,
  kind?: AuthorityKind,
): Promise<AuthorityIdentity & { name: string }> {
  const resolution = (await loadAuthorityLookup(db)).resolve(code, kind ? [kind] : undefined);
  if (resolution.ok) {
    const { name } = await db
      .selectFrom('authorities')
      .select('name')
      .where('id', '=', resolution.authority.id)
      .executeTakeFirstOrThrow();
    return { ...resolution.authority, name };
  }
  if (resolution.failure === 'unknown') {
    throw new UserError(
      'not_found',
      `Aucune collectivité${kind ? ` de type ${authorityKindName(kind)}` : ''} n’a le code « ${code} » ` +
        '(code INSEE, SIREN ou code de collectivité unique attendu ; importez les territoires d’abord).',
    );
  }
  const kinds = resolution.candidates.map((c) => authorityKindName(c.kind, true)).join(' et ');
  throw new UserError('conflict', `Le code « ${code} » désigne ${kinds} : précisez le type avec --kind.`);
}
