import { describe, expect, it } from 'vitest';
import { declaredGap, GAP_MEASURES } from './declared-gap.rules.ts';
import type { ObservedDigitalisation } from './observed-digitalisation.query.ts';

const observed = (authorityId: number, endToEnd: number): ObservedDigitalisation => ({
  authorityId,
  editionYear: 2026,
  servicesApplicable: 10,
  endToEnd,
  index: 50,
});
const declaring = (authorityId: number, totale: number, partielle: number, nonConcerne = 0) => ({
  authorityId,
  answers: {
    dematerialisation: Object.fromEntries([
      ...Array.from({ length: totale }, (_, i) => [`t${i}`, 'totale']),
      ...Array.from({ length: partielle }, (_, i) => [`p${i}`, 'partielle']),
      ...Array.from({ length: nonConcerne }, (_, i) => [`n${i}`, 'non_concerne']),
    ]),
  },
});

describe('gap between declared and observed digitalisation', () => {
  it('compares authorities that answered and were audited, in points', () => {
    // Declared shares: 0.5, 0.5, 0.75, 1 (non concerné left out), 0.25 and 0.75 averaged to 0.5.
    // Observed: 0.2, 0.3, 0.5, 0.6, 0.5. Gaps: 30, 20, 25, 40, 0 → mean 23.
    const gap = declaredGap(
      GAP_MEASURES['e-services'] as never,
      [
        declaring(1, 2, 2),
        declaring(2, 1, 1),
        declaring(3, 3, 1),
        declaring(4, 2, 0, 3),
        declaring(5, 1, 3),
        declaring(5, 3, 1),
        declaring(6, 4, 0),
      ],
      [observed(1, 2), observed(2, 3), observed(3, 5), observed(4, 6), observed(5, 5), observed(7, 9)],
    );
    expect(gap.authorities).toBe(5);
    expect(gap.meanGapPoints).toBeCloseTo(23, 10);
    // Deviations 7, −3, 2, 17, −23: squares sum to 880, variance 880 / 4 = 220; half-width 1.96 × √(220 / 5).
    expect(gap.interval?.upper).toBeCloseTo(23 + 1.959964 * Math.sqrt(220 / 5), 4);
  });

  it('publishes no figure under five authorities', () => {
    const gap = declaredGap(GAP_MEASURES['e-services'] as never, [declaring(1, 1, 1)], [observed(1, 1)]);
    expect(gap).toMatchObject({ authorities: 1, meanGapPoints: null });
  });
});
