import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../shared/csv.ts';
import { findAuthorityColumns, resolveRowAuthority } from './authority-columns.ts';
import { type AuthorityIdentity, buildAuthorityLookup, parseAuthorityKind } from './authority-lookup.ts';

const AUTHORITIES: AuthorityIdentity[] = [
  { id: 1, kind: 'region', code: '84', siren: null },
  { id: 2, kind: 'departement', code: '84', siren: null },
  { id: 3, kind: 'departement', code: '01', siren: '220100018' },
  { id: 4, kind: 'departement', code: '2A', siren: null },
  { id: 5, kind: 'commune', code: '01001', siren: '210100012' },
  { id: 6, kind: 'commune', code: '2A004', siren: '212000046' },
  { id: 7, kind: 'epci', code: '200071751', siren: '200071751' },
  { id: 8, kind: 'collectivite_unique', code: '972', siren: null },
  { id: 9, kind: 'departement', code: '972', siren: null },
];
const lookup = buildAuthorityLookup(AUTHORITIES);
const idOf = (code: string, kinds?: Parameters<typeof lookup.resolve>[1]) => {
  const resolution = lookup.resolve(code, kinds);
  return resolution.ok ? resolution.authority.id : resolution.failure;
};

describe('authority lookup', () => {
  it('finds a commune by its 5-character INSEE code, Corsican ones included', () => {
    expect(idOf('01001')).toBe(5);
    expect(idOf('2a004')).toBe(6);
  });

  it('finds an authority by its 9-digit SIREN, and an EPCI by its code, which is its SIREN', () => {
    expect(idOf('210100012')).toBe(5);
    expect(idOf('220100018')).toBe(3);
    expect(idOf('200071751')).toBe(7);
  });

  it('restores the leading zero a spreadsheet dropped', () => {
    expect(idOf('1001')).toBe(5);
    expect(idOf('1')).toBe(3);
  });

  it('calls a code shared by a région and a département ambiguous unless a kind narrows it', () => {
    const resolution = lookup.resolve('84');
    expect(resolution).toMatchObject({ ok: false, failure: 'ambiguous' });
    if (!resolution.ok && resolution.failure === 'ambiguous') {
      expect(resolution.candidates.map((a) => a.kind)).toEqual(['region', 'departement']);
    }
    expect(idOf('84', ['region'])).toBe(1);
    expect(idOf('84', ['departement'])).toBe(2);
    expect(idOf('972', ['collectivite_unique'])).toBe(8);
  });

  it('reports an unknown code, and a known code of another kind, as unknown', () => {
    expect(idOf('01999')).toBe('unknown');
    expect(idOf('')).toBe('unknown');
    expect(idOf('01001', ['departement'])).toBe('unknown');
  });

  it.each([
    ['Commune', 'commune'],
    ['Département', 'departement'],
    ['DEPT', 'departement'],
    ['Région', 'region'],
    ['GFP', 'epci'],
    ['Métropole', 'epci'],
    ['CTU', 'collectivite_unique'],
    ['collectivite_unique', 'collectivite_unique'],
  ])('reads the kind label %j as %s', (label, kind) => {
    expect(parseAuthorityKind(label)).toBe(kind);
  });

  it('does not guess unknown kind labels', () => {
    expect(parseAuthorityKind('Syndicat')).toBeUndefined();
    expect(parseAuthorityKind('')).toBeUndefined();
  });
});

describe('authority columns of a row', () => {
  const row = (values: Record<string, string>): CsvRow => ({ line: 2, values });
  const OFGL_HEADERS = [
    'Exercice',
    'Code Insee 2024 Région',
    'Code Insee 2024 Département',
    'Code Insee 2024 Commune',
    'Catégorie',
    'Code Siren Collectivité',
    'Agrégat',
    'Montant',
  ];

  it('prefers the SIREN column and falls back to the INSEE code when the SIREN is unknown', () => {
    const columns = findAuthorityColumns(['Code Siren Collectivité', 'Code Insee Collectivité', 'Montant']);
    if (!columns) throw new Error('columns expected');
    expect(
      resolveRowAuthority(row({ 'Code Siren Collectivité': '210100012' }), columns, lookup),
    ).toMatchObject({
      ok: true,
      authority: { id: 5 },
      column: 'Code Siren Collectivité',
    });
    const fallback = row({ 'Code Siren Collectivité': '999999999', 'Code Insee Collectivité': '2A004' });
    expect(resolveRowAuthority(fallback, columns, lookup)).toMatchObject({
      ok: true,
      authority: { id: 6 },
      column: 'Code Insee Collectivité',
    });
  });

  it('names an OFGL département row by the département column, never by its région’s', () => {
    const columns = findAuthorityColumns(OFGL_HEADERS);
    if (!columns) throw new Error('columns expected');
    const departement = row({
      'Code Insee 2024 Région': '84',
      'Code Insee 2024 Département': '84',
      Catégorie: 'Département',
      'Code Siren Collectivité': '228400011',
    });
    expect(resolveRowAuthority(departement, columns, lookup)).toMatchObject({
      ok: true,
      authority: { id: 2 },
    });
  });

  it('names a row by the finest level column when neither a generic code nor a kind is given', () => {
    const columns = findAuthorityColumns([
      'Code Insee 2024 Région',
      'Code Insee 2024 Département',
      'Code commune',
    ]);
    if (!columns) throw new Error('columns expected');
    const commune = row({
      'Code Insee 2024 Région': '84',
      'Code Insee 2024 Département': '01',
      'Code commune': '01001',
    });
    expect(resolveRowAuthority(commune, columns, lookup)).toMatchObject({ ok: true, authority: { id: 5 } });
  });

  it('uses the kind option when the row has no kind of its own, the kind column otherwise', () => {
    const columns = findAuthorityColumns(['code', 'type']);
    if (!columns) throw new Error('columns expected');
    expect(resolveRowAuthority(row({ code: '84', type: '' }), columns, lookup, 'region')).toMatchObject({
      authority: { id: 1 },
    });
    expect(
      resolveRowAuthority(row({ code: '84', type: 'département' }), columns, lookup, 'region'),
    ).toMatchObject({
      authority: { id: 2 },
    });
  });

  it('reports an unrecognised kind label and a missing code on their columns', () => {
    const columns = findAuthorityColumns(['code', 'Catégorie']);
    if (!columns) throw new Error('columns expected');
    expect(resolveRowAuthority(row({ code: '01', Catégorie: 'Syndicat' }), columns, lookup)).toMatchObject({
      ok: false,
      problem: { column: 'Catégorie' },
    });
    expect(resolveRowAuthority(row({ code: '', Catégorie: '' }), columns, lookup)).toMatchObject({
      ok: false,
      problem: { column: 'code', message: 'code de collectivité manquant' },
    });
  });

  it('finds no authority columns in a file without any', () => {
    expect(findAuthorityColumns(['commune', 'population'])).toBeUndefined();
  });
});
