import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  foldName,
  nameScore,
  type SearchableAuthority,
  searchAuthorities,
} from './authority-search.rules.ts';

const a = (
  id: number,
  kind: SearchableAuthority['kind'],
  code: string,
  name: string,
  population: number | null = null,
) => ({
  id,
  kind,
  code,
  siren: kind === 'commune' ? `2100${code}` : null,
  name,
  departementCode: code.slice(0, 2),
  population,
});

const AUTHORITIES: SearchableAuthority[] = [
  a(1, 'departement', '01', 'Ain'),
  a(2, 'commune', '01053', 'Bourg-en-Bresse', 41365),
  a(3, 'commune', '42218', 'Saint-Étienne', 171000),
  a(4, 'commune', '76575', 'Saint-Étienne-du-Rouvray', 28000),
  a(5, 'commune', '01001', 'L’Abergement-Clémenciat', 800),
  a(6, 'region', '84', 'Auvergne-Rhône-Alpes'),
  a(7, 'departement', '84', 'Vaucluse'),
  a(8, 'commune', '01004', 'Ambérieu-en-Bugey', 14000),
];
const POSTAL = new Map([
  ['01000', ['01053']],
  ['01500', ['01004', '01001']],
]);
const index = buildSearchIndex(AUTHORITIES, POSTAL);
const names = (query: string) => searchAuthorities(index, query).map((hit) => hit.authority.name);

describe('foldName', () => {
  it('folds accents, case, apostrophes, hyphens and the "St" abbreviation', () => {
    expect(foldName('Saint-Étienne-du-Rouvray')).toBe('saint etienne du rouvray');
    expect(foldName('ST ETIENNE')).toBe('saint etienne');
    expect(foldName('L’Abergement')).toBe('l abergement');
  });
});

describe('nameScore', () => {
  it('ranks exact, prefix, word prefixes and substring matches in that order', () => {
    expect(nameScore('ain', 'ain', ['ain'])).toBe(0);
    expect(nameScore('saint etienne du rouvray', 'saint etienne', ['saint', 'etienne'])).toBe(1);
    expect(nameScore('saint etienne du rouvray', 'etienne rouv', ['etienne', 'rouv'])).toBe(2);
    expect(nameScore('bourg en bresse', 'g en b', ['g', 'en', 'b'])).toBe(3);
    expect(nameScore('bourg en bresse', 'lyon', ['lyon'])).toBeUndefined();
  });
});

describe('searchAuthorities', () => {
  it('finds by name whatever the accents and hyphens, best match first', () => {
    expect(names('st etienne')).toEqual(['Saint-Étienne', 'Saint-Étienne-du-Rouvray']);
    expect(names('bourg en bresse')).toEqual(['Bourg-en-Bresse']);
  });

  it('finds by INSEE code, restoring a leading zero a spreadsheet dropped', () => {
    expect(names('01053')).toEqual(['Bourg-en-Bresse']);
    expect(names('1053')).toEqual(['Bourg-en-Bresse']);
  });

  it('lists every authority sharing a code, the larger kind first', () => {
    expect(names('84')).toEqual(['Auvergne-Rhône-Alpes', 'Vaucluse']);
  });

  it('finds communes by postal code, most populous first, saying which code matched', () => {
    const hits = searchAuthorities(index, '01 500');
    expect(hits.map((h) => h.authority.name)).toEqual(['Ambérieu-en-Bugey', 'L’Abergement-Clémenciat']);
    expect(hits.every((h) => h.reason === 'postal_code' && h.postalCode === '01500')).toBe(true);
  });

  it('finds by SIREN', () => {
    expect(names('210001053')).toEqual(['Bourg-en-Bresse']);
  });

  it('returns nothing for an empty or one-letter query, and respects the limit', () => {
    expect(names('  ')).toEqual([]);
    expect(names('a')).toEqual([]);
    expect(searchAuthorities(index, 'e', 2)).toHaveLength(0);
    expect(searchAuthorities(index, 'en', 2)).toHaveLength(2);
  });
});
