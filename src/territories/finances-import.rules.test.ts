import { describe, expect, it } from 'vitest';
import { buildAuthorityLookup } from './authority-lookup.ts';
import {
  detectFinancesLayout,
  type FinanceRecord,
  parseYear,
  planFinanceWrites,
  readFinanceRow,
} from './finances-import.rules.ts';

const lookup = buildAuthorityLookup([
  { id: 1, kind: 'region', code: '84', siren: null },
  { id: 2, kind: 'departement', code: '01', siren: null },
  { id: 3, kind: 'epci', code: '200071751', siren: '200071751' },
]);

describe('finances layouts', () => {
  it('recognises the OFGL long layout of the départements base, with the amount in euros', () => {
    const detection = detectFinancesLayout([
      'Exercice',
      'Code Insee 2024 Région',
      'Code Insee 2024 Département',
      'Catégorie',
      'Code Siren Collectivité',
      'Agrégat',
      'Montant',
      'Montant en € par habitant',
    ]);
    expect(detection).toMatchObject({
      ok: true,
      layout: { format: 'ofgl-long', yearColumn: 'Exercice', amountColumn: 'Montant', scale: 1 },
    });
  });

  it('recognises the OFGL API field names (exer, siren, agregat, montant, type_de_budget)', () => {
    const detection = detectFinancesLayout([
      'exer',
      'dep_code',
      'siren',
      'agregat',
      'montant',
      'type_de_budget',
    ]);
    expect(detection).toMatchObject({
      ok: true,
      layout: {
        format: 'ofgl-long',
        yearColumn: 'exer',
        aggregateColumn: 'agregat',
        budgetTypeColumn: 'type_de_budget',
      },
    });
  });

  it.each([
    ['recettes_reelles_fonctionnement', 1],
    ['operating_revenue', 1],
    ['RRF', 1],
    ["Recettes réelles de fonctionnement (en milliers d'euros)", 1000],
    ['RRF k€', 1000],
  ])('recognises the wide layout with the amount column %j (× %d)', (amountHeader, scale) => {
    expect(detectFinancesLayout(['code', 'an', amountHeader])).toMatchObject({
      ok: true,
      layout: { format: 'wide', amountColumn: amountHeader, scale },
    });
  });

  it('lists the missing columns and the columns found', () => {
    const detection = detectFinancesLayout(['code', 'montant']);
    expect(detection.ok).toBe(false);
    if (!detection.ok) {
      expect(detection.message).toContain('l’année');
      expect(detection.message).toContain('Agrégat');
      expect(detection.message).not.toContain('le code de la collectivité');
      expect(detection.message).toContain('Colonnes trouvées : code, montant');
    }
  });
});

describe('finance rows', () => {
  const detection = detectFinancesLayout([
    'exer',
    'reg_code',
    'categ',
    'agregat',
    'montant',
    'type_de_budget',
  ]);
  if (!detection.ok) throw new Error('layout expected');
  const { layout } = detection;
  const row = (values: Record<string, string>) => ({ line: 7, values });
  const base = { exer: '2023', reg_code: '84', categ: 'Région', type_de_budget: 'Budget principal' };

  it('keeps « Recettes de fonctionnement » and « Recettes réelles de fonctionnement », whatever their case', () => {
    for (const agregat of ['Recettes de fonctionnement', 'RECETTES RÉELLES DE FONCTIONNEMENT']) {
      expect(readFinanceRow(row({ ...base, agregat, montant: '1000' }), layout, lookup)).toMatchObject({
        status: 'valid',
        record: { line: 7, authority: { id: 1 }, year: 2023, operatingRevenue: 1000 },
      });
    }
  });

  it('ignores other aggregates and annex budgets without validating them', () => {
    expect(
      readFinanceRow(row({ ...base, agregat: 'Recettes totales', montant: 'n/a' }), layout, lookup),
    ).toEqual({
      status: 'ignored',
    });
    const annex = {
      ...base,
      type_de_budget: 'Budget annexe',
      agregat: 'Recettes de fonctionnement',
      montant: 'x',
    };
    expect(readFinanceRow(row(annex), layout, lookup)).toEqual({ status: 'ignored' });
  });

  it('reports every problem of a row at once', () => {
    const outcome = readFinanceRow(
      row({
        exer: '',
        reg_code: '99',
        categ: 'Région',
        agregat: 'Recettes de fonctionnement',
        montant: '-1',
      }),
      layout,
      lookup,
    );
    expect(outcome.status).toBe('invalid');
    if (outcome.status === 'invalid')
      expect(outcome.problems.map((p) => p.column)).toEqual(['reg_code', 'exer', 'montant']);
  });

  it.each([
    ['2023', 2023],
    ['2023-01-01', 2023],
    ['2023.0', 2023],
    ['1990', 1990],
    ['2100', 2100],
  ])('reads the year %j as %d', (raw, year) => {
    expect(parseYear(raw)).toEqual({ ok: true, value: year });
  });

  it.each(['', '23', '1989', '2101', 'deux mille', '2023/2024'])('refuses the year %j', (raw) => {
    expect(parseYear(raw).ok).toBe(false);
  });
});

describe('finance write plan', () => {
  const record = (authorityId: number, year: number, operatingRevenue: number): FinanceRecord => ({
    line: 2,
    authority: { id: authorityId, kind: 'region', code: '84', siren: null },
    codeColumn: 'code',
    year,
    operatingRevenue,
  });

  it('inserts new (authority, year) pairs, updates changed amounts and leaves equal ones to the cent', () => {
    const plan = planFinanceWrites(
      [record(1, 2023, 100), record(1, 2022, 200.004), record(2, 2023, 300)],
      [
        { id: 10, authorityId: 1, year: 2022, operatingRevenue: 200 },
        { id: 11, authorityId: 2, year: 2023, operatingRevenue: 299 },
      ],
    );
    expect(plan.inserts.map((r) => [r.authority.id, r.year])).toEqual([[1, 2023]]);
    expect(plan.unchanged.map((r) => [r.authority.id, r.year])).toEqual([[1, 2022]]);
    expect(plan.updates.map((u) => u.id)).toEqual([11]);
  });
});
