import { describe, expect, it } from 'vitest';
import { type Correlation, pearson } from './correlation.ts';
import type { Kappa } from './kappa.ts';
import { notComputable } from './not-computable.ts';
import {
  agreementLabel,
  agreementStrength,
  correlationSentence,
  correlationStrength,
  formatCorrelationFigures,
  formatCount,
  formatDecimal,
  formatKappaFigures,
  formatPValue,
  kappaSentence,
  readCorrelation,
  significanceText,
} from './reading.ts';

const NBSP = '\u00a0';

function correlation(overrides: Partial<Correlation>): Correlation {
  return {
    status: 'ok',
    method: 'pearson',
    coefficient: 0.43,
    n: 101,
    dropped: 0,
    pValue: 0.00001,
    ci95: { lower: 0.26, upper: 0.57 },
    ...overrides,
  };
}

describe('French number formatting', () => {
  it('writes a decimal comma, a true minus sign and never « −0,00 »', () => {
    expect(formatDecimal(0.4271)).toBe('0,43');
    expect(formatDecimal(-0.4271)).toBe('\u22120,43');
    expect(formatDecimal(-0.001)).toBe('0,00');
    expect(formatDecimal(2, 3)).toBe('2,000');
  });

  it('groups thousands with a narrow no-break space', () => {
    expect(formatCount(35228)).toBe('35\u202f228');
    expect(formatCount(101)).toBe('101');
  });

  it('writes p-values with three decimals, or « p < 0,001 »', () => {
    expect(formatPValue(0.0342)).toBe('p = 0,034');
    expect(formatPValue(0.00049)).toBe('p < 0,001');
    expect(formatPValue(0.6271883)).toBe('p = 0,627');
  });

  it('refuses non-finite numbers and impossible probabilities', () => {
    expect(() => formatDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => formatPValue(1.2)).toThrow(RangeError);
  });
});

describe('correlation strength (Cohen 1988: .10 small, .30 medium, .50 large)', () => {
  it.each([
    [0, 'negligible'],
    [0.094, 'negligible'],
    [0.1, 'weak'],
    [-0.29, 'weak'],
    [0.3, 'moderate'],
    [-0.49, 'moderate'],
    [0.5, 'strong'],
    [-1, 'strong'],
  ] as const)('|r| = %s is %s; each threshold belongs to the class above it', (r, strength) => {
    expect(correlationStrength(r)).toBe(strength);
  });

  it('judges the value as shown: 0,2996 reads « 0,30 » and is moderate', () => {
    expect(correlationStrength(0.2996)).toBe('moderate');
    expect(correlationStrength(0.0949)).toBe('negligible');
  });
});

describe('readCorrelation', () => {
  it('describes direction, strength and significance at 5 %', () => {
    expect(readCorrelation(correlation({}))).toEqual({
      strength: 'moderate',
      direction: 'positive',
      significant: true,
      description: 'corrélation positive modérée',
      significance: `statistiquement significative au seuil de 5${NBSP}%`,
      figures: `r = 0,43 ; IC 95${NBSP}% [0,26 ; 0,57] ; n = 101`,
    });
  });

  it('reads a negative correlation as « négative » and p ≥ 0.05 as not significant', () => {
    const reading = readCorrelation(correlation({ coefficient: -0.62, pValue: 0.08 }));
    expect(reading?.description).toBe('corrélation négative forte');
    expect(reading?.significant).toBe(false);
    expect(reading?.significance).toBe(`non significative au seuil de 5${NBSP}%`);
  });

  it('gives no direction to a negligible correlation', () => {
    expect(readCorrelation(correlation({ coefficient: -0.04 }))?.direction).toBeNull();
    expect(readCorrelation(correlation({ coefficient: -0.04 }))?.description).toBe('corrélation négligeable');
  });

  it('treats p = 0.05 exactly as not significant (p < 0.05 is required)', () => {
    expect(significanceText(0.05)).toBe(`non significative au seuil de 5${NBSP}%`);
  });

  it('returns null for a correlation that could not be computed', () => {
    expect(readCorrelation(notComputable('zero_variance'))).toBeNull();
  });
});

describe('figures and sentences', () => {
  it('formats « r = 0,43 ; IC 95 % [0,26 ; 0,57] ; n = 101 »', () => {
    expect(formatCorrelationFigures(correlation({}))).toBe(
      `r = 0,43 ; IC 95${NBSP}% [0,26 ; 0,57] ; n = 101`,
    );
  });

  it('uses ρ for Spearman and omits the interval when there is none (n = 3)', () => {
    expect(
      formatCorrelationFigures(correlation({ method: 'spearman', n: 3, ci95: null, coefficient: -0.5 })),
    ).toBe('ρ = \u22120,50 ; n = 3');
  });

  it('builds the full sentence from a computed correlation', () => {
    const result = pearson([1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7]);
    expect(correlationSentence(result, { x: 'le score de numérisation', y: 'la population' })).toBe(
      'Entre le score de numérisation et la population, la corrélation est positive et forte ' +
        `(r = 0,90 ; IC 95${NBSP}% [0,55 ; 0,98] ; n = 8), statistiquement significative au seuil de 5${NBSP}% (p = 0,002).`,
    );
  });

  it('says why when the correlation is not computable', () => {
    expect(correlationSentence(pearson([1, 2], [3, 4]), { x: 'A', y: 'B' })).toBe(
      'Entre A et B, la corrélation n’est pas calculable : trop peu d’observations (2 paire(s) complète(s), il en faut au moins 3).',
    );
  });
});

describe('agreement strength (Landis & Koch 1977)', () => {
  it.each([
    [-0.1, 'poor', 'désaccord'],
    [0, 'slight', 'accord très faible'],
    [0.2, 'slight', 'accord très faible'],
    [0.21, 'fair', 'accord faible'],
    [0.4, 'fair', 'accord faible'],
    [0.41, 'moderate', 'accord modéré'],
    [0.61, 'substantial', 'accord fort'],
    [0.8, 'substantial', 'accord fort'],
    [0.81, 'almost_perfect', 'accord presque parfait'],
    [1, 'almost_perfect', 'accord presque parfait'],
  ] as const)('κ = %s is %s (« %s »): upper bounds are included', (kappa, strength, label) => {
    expect(agreementStrength(kappa)).toBe(strength);
    expect(agreementLabel(kappa)).toBe(label);
  });

  it('judges the value as shown: κ = −0,004 reads « 0,00 » and is not « désaccord »', () => {
    expect(agreementStrength(-0.004)).toBe('slight');
  });

  it('formats a weighted kappa with its interval, observed agreement and n', () => {
    const kappa: Kappa = {
      status: 'ok',
      weighting: 'quadratic',
      kappa: 0.6213,
      observedAgreement: 0.8094,
      expectedAgreement: 0.5,
      standardError: 0.05,
      ci95: { lower: 0.5133, upper: 0.7293 },
      n: 148,
      dropped: 0,
    };
    expect(formatKappaFigures(kappa)).toBe(
      `κ pondéré (quadratique) = 0,62 ; IC 95${NBSP}% [0,51 ; 0,73] ; accord observé 81${NBSP}% ; n = 148`,
    );
    expect(kappaSentence(kappa)).toBe(
      `Accord fort (κ pondéré (quadratique) = 0,62 ; IC 95${NBSP}% [0,51 ; 0,73] ; accord observé 81${NBSP}% ; n = 148).`,
    );
    expect(kappaSentence(notComputable('no_variation_in_ratings'))).toMatch(/^Non calculable : .*\.$/);
  });
});
