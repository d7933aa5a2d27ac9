import { describe, expect, it } from 'vitest';
import {
  chiSquareIndependence,
  chiSquareSentence,
  chiSquareUpperTail,
  cramersVStrength,
  regularizedUpperGamma,
} from './chi-square.ts';

describe('chi-square distribution', () => {
  it('matches published critical values (tables of the χ² distribution)', () => {
    expect(chiSquareUpperTail(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpperTail(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpperTail(15.50731, 8)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpperTail(21.66599, 9)).toBeCloseTo(0.01, 6);
    expect(chiSquareUpperTail(124.3421, 100)).toBeCloseTo(0.05, 5);
  });

  it('has the closed forms of small degrees of freedom', () => {
    // df = 2: P(X ≥ x) = exp(−x / 2).
    for (const x of [0.1, 1, 4, 30]) expect(chiSquareUpperTail(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
    expect(regularizedUpperGamma(1, 3)).toBeCloseTo(Math.exp(-3), 12);
    expect(chiSquareUpperTail(0, 5)).toBe(1);
  });
});

describe('chiSquareIndependence', () => {
  it('computes the statistic, p-value and Cramér’s V of a textbook 2×2 table', () => {
    // Expected counts 15/15/35/35 ; χ² = 2·(5²/15) + 2·(5²/35) = 4.7619.
    const result = chiSquareIndependence([
      [20, 30],
      [10, 40],
    ]);
    if (result.status !== 'ok') throw new Error('computable');
    expect(result.statistic).toBeCloseTo(4.7619, 4);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.pValue).toBeCloseTo(0.0291, 4);
    expect(result.cramersV).toBeCloseTo(Math.sqrt(4.7619 / 100), 4);
  });

  it('gives χ² = 0 and p = 1 for proportional rows', () => {
    const result = chiSquareIndependence([
      [10, 20, 30],
      [20, 40, 60],
    ]);
    expect(result.status === 'ok' && result.statistic).toBeCloseTo(0, 12);
    expect(result.status === 'ok' && result.pValue).toBe(1);
  });

  it('drops empty rows and columns before testing', () => {
    const result = chiSquareIndependence([
      [20, 0, 30],
      [0, 0, 0],
      [10, 0, 40],
    ]);
    expect(result.status === 'ok' && [result.rows, result.columns, result.degreesOfFreedom]).toEqual([
      2, 2, 1,
    ]);
  });

  it('is not computable with a single observed category on one side', () => {
    expect(chiSquareIndependence([[5, 6, 7]]).status).toBe('not_computable');
    expect(chiSquareIndependence([[5], [6]]).status).toBe('not_computable');
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() =>
      chiSquareIndependence([
        [1.5, 2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      chiSquareIndependence([
        [-1, 2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });

  it('reads Cramér’s V with Cohen’s thresholds scaled to the table', () => {
    expect(cramersVStrength({ cramersV: 0.05, rows: 2, columns: 2 })).toBe('négligeable');
    expect(cramersVStrength({ cramersV: 0.3, rows: 2, columns: 5 })).toBe('moyen');
    // A 5×10 table: thresholds 0.05, 0.15 and 0.25.
    expect(cramersVStrength({ cramersV: 0.16, rows: 5, columns: 10 })).toBe('moyen');
  });

  it('says in French whether the variables are independent, with a caution on sparse tables', () => {
    const independent = chiSquareSentence(
      chiSquareIndependence([
        [10, 20, 30],
        [21, 39, 61],
      ]),
      { rows: 'la taille de la commune', columns: 'le domaine' },
    );
    expect(independent).toMatch(/^Rien ne permet de dire que le domaine dépend de la taille de la commune/);
    expect(independent).toContain('leur association est non significative au seuil de 5');
    const dependent = chiSquareSentence(
      chiSquareIndependence([
        [50, 5],
        [5, 50],
      ]),
      { rows: 'la taille de la commune', columns: 'le domaine' },
    );
    expect(dependent).toMatch(/^La taille de la commune et le domaine ne sont pas indépendants/);
    const sparse = chiSquareSentence(
      chiSquareIndependence([
        [3, 1],
        [1, 3],
      ]),
      { rows: 'a', columns: 'b' },
    );
    expect(sparse).toContain('Prudence : 100 % des cases');
    expect(sparse).toContain('le test est peu fiable');
  });
});
