import { describe, expect, it } from 'vitest';
import { designEffect, rake } from './raking.rules.ts';

describe('raking to known population margins', () => {
  /*
   * Worked by hand. Four respondents: (commune, small), (commune, small), (commune, large),
   * (departement, large). Population: 60 communes and 40 départements; 50 small and 50 large.
   * Start: 25 each (100 / 4).
   * Pass 1, kind: communes weigh 75 against 60 → × 0.8 → 20, 20, 20; the département weighs 25
   *   against 40 → × 1.6 → 40.
   * Pass 1, size: small weigh 40 against 50 → × 1.25 → 25, 25; large weigh 60 against 50 →
   *   × 5/6 → 16.667, 33.333. Kind margins are now communes 66.667, département 33.333.
   * The fixed point solves, with a = weight of each small commune, b = large commune,
   *   c = département: 2a + b = 60, c = 40, 2a = 50, b + c = 50 → a = 25, b = 10, c = 40.
   */
  it('converges to the weights computed by hand', () => {
    const result = rake(
      [
        { kind: 'commune', size: 'small' },
        { kind: 'commune', size: 'small' },
        { kind: 'commune', size: 'large' },
        { kind: 'departement', size: 'large' },
      ],
      { kind: { commune: 60, departement: 40 }, size: { small: 50, large: 50 } },
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    const [a, a2, b, c] = result.weights;
    expect(a).toBeCloseTo(25, 6);
    expect(a2).toBeCloseTo(25, 6);
    expect(b).toBeCloseTo(10, 6);
    expect(c).toBeCloseTo(40, 6);
    expect(result.maxGap).toBeLessThan(1e-9);
    // deff = 4 × (25² + 25² + 10² + 40²) / 100² = 4 × 2950 / 10000 = 1.18
    expect(designEffect(result.weights)).toBeCloseTo(1.18, 8);
  });

  it('after one pass of a single dimension, reproduces it exactly', () => {
    const result = rake([{ kind: 'a' }, { kind: 'a' }, { kind: 'b' }], { kind: { a: 10, b: 30 } });
    expect(result.status === 'ok' && result.weights).toEqual([5, 5, 30]);
  });

  it('refuses a category with respondents but no population, or population but no respondent', () => {
    expect(rake([{ kind: 'a' }, { kind: 'c' }], { kind: { a: 10, b: 30 } })).toMatchObject({
      status: 'not_computable',
      message: expect.stringMatching(/« kind = c » : répondants sans population/),
    });
    expect(rake([{ kind: 'a' }], { kind: { a: 10, b: 30 } })).toMatchObject({
      message: expect.stringMatching(/« kind = b » : aucun répondant/),
    });
  });

  it('refuses margins that do not describe the same population', () => {
    const result = rake([{ kind: 'a', size: 's' }], { kind: { a: 10 }, size: { s: 12 } });
    expect(result).toMatchObject({ status: 'not_computable' });
  });

  it('gives a design effect of 1 for equal weights', () => {
    expect(designEffect([3, 3, 3])).toBe(1);
  });
});
