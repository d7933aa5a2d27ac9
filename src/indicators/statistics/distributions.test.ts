import { describe, expect, it } from 'vitest';
import {
  logGamma,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSidedPValue,
  Z_95,
} from './distributions.ts';

/** Binomial-sum identity for integer a, b (Abramowitz & Stegun 26.5.4 with 6.6.4): an independent reference. */
function incompleteBetaByBinomialSum(x: number, a: number, b: number): number {
  const n = a + b - 1;
  let sum = 0;
  for (let j = a; j <= n; j++) {
    let logChoose = 0;
    for (let k = 1; k <= j; k++) logChoose += Math.log(n - j + k) - Math.log(k);
    sum += Math.exp(logChoose + j * Math.log(x) + (n - j) * Math.log(1 - x));
  }
  return sum;
}

describe('logGamma', () => {
  it('equals ln((n − 1)!) at the integers', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 12);
      factorial *= n;
    }
  });

  it('gives Γ(1/2) = √π and Γ(3/2) = √π / 2', () => {
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 13);
    expect(Math.exp(logGamma(1.5))).toBeCloseTo(Math.sqrt(Math.PI) / 2, 13);
  });

  it('stays accurate for large arguments (Stirling series)', () => {
    const x = 20_000.5;
    const stirling =
      (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
    expect(logGamma(x)).toBeCloseTo(stirling, 8);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      for (const p of [0.5, 1, 2.5, 7]) {
        expect(regularizedIncompleteBeta(x, p, 1)).toBeCloseTo(x ** p, 13);
        expect(regularizedIncompleteBeta(x, 1, p)).toBeCloseTo(1 - (1 - x) ** p, 13);
      }
    }
  });

  it('matches the arcsine law I_x(1/2, 1/2) = (2/π) asin(√x)', () => {
    for (const x of [0.001, 0.1, 0.5, 0.9, 0.999]) {
      expect(regularizedIncompleteBeta(x, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 13);
    }
  });

  it('matches the binomial-sum identity for integer parameters, on both sides of the switch point', () => {
    for (const [a, b] of [
      [3, 4],
      [30, 20],
      [2, 60],
    ] as const) {
      for (const x of [0.05, 0.3, 0.6, 0.95]) {
        expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(incompleteBetaByBinomialSum(x, a, b), 12);
      }
    }
  });

  it('is 0 at x = 0 and 1 at x = 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe('studentTTwoSidedPValue', () => {
  it('gives p = 0.05 at the tabulated critical value t = 2.228, df = 10', () => {
    // Critical values of Student's t, e.g. Fisher & Yates, Statistical Tables (1963), Table III.
    expect(studentTTwoSidedPValue(2.228, 10)).toBeCloseTo(0.05, 4);
    expect(studentTTwoSidedPValue(2.228139, 10)).toBeCloseTo(0.05, 7);
  });

  it('reproduces other tabulated critical values (0.05 and 0.01 two-sided)', () => {
    expect(studentTTwoSidedPValue(12.706, 1)).toBeCloseTo(0.05, 5);
    expect(studentTTwoSidedPValue(2.042, 30)).toBeCloseTo(0.05, 4);
    expect(studentTTwoSidedPValue(3.169, 10)).toBeCloseTo(0.01, 4);
    expect(studentTTwoSidedPValue(4.032, 5)).toBeCloseTo(0.01, 4);
  });

  it('matches the closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const t of [0, 0.3, 1, 2.5, 10, 250]) {
      expect(studentTTwoSidedPValue(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 13);
      expect(studentTTwoSidedPValue(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 13);
    }
  });

  it('tends to the normal distribution for large df (p ≈ 0.05 at t = 1.96)', () => {
    expect(studentTTwoSidedPValue(Z_95, 1_000_000)).toBeCloseTo(0.05, 5);
    // Cross-checked with SciPy 1.17: 2 * t.sf(1.96, 30000) = 0.05000503337…
    expect(studentTTwoSidedPValue(1.96, 30_000)).toBeCloseTo(0.050005033372, 10);
  });

  it('keeps relative precision for very small p-values', () => {
    // Cross-checked with SciPy 1.17: 2 * t.sf(10, 50) = 1.6077334688e-13.
    expect(studentTTwoSidedPValue(10, 50) / 1.6077334688335447e-13).toBeCloseTo(1, 8);
  });

  it('is symmetric in t, 1 at t = 0 and 0 at infinity', () => {
    expect(studentTTwoSidedPValue(-2.228, 10)).toBe(studentTTwoSidedPValue(2.228, 10));
    expect(studentTTwoSidedPValue(0, 7)).toBe(1);
    expect(studentTTwoSidedPValue(Number.POSITIVE_INFINITY, 7)).toBe(0);
  });
});

describe('studentTCdf', () => {
  it('puts 2.5 % in each tail at the critical value and 1/2 at 0', () => {
    expect(studentTCdf(2.228139, 10)).toBeCloseTo(0.975, 7);
    expect(studentTCdf(-2.228139, 10)).toBeCloseTo(0.025, 7);
    expect(studentTCdf(0, 10)).toBe(0.5);
  });
});
