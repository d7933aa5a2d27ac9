import { describe, expect, it } from 'vitest';
import type { Question } from '../questionnaire.rules.ts';
import { crossTab } from './cross-tab.rules.ts';
import { frequencies, meanEstimate, wilsonInterval } from './estimates.rules.ts';

const choice: Question = {
  type: 'radiogroup',
  name: 'q',
  title: 'Q',
  required: true,
  choices: [
    { value: 'oui', text: 'Oui' },
    { value: 'non', text: 'Non' },
  ],
};
const scale: Question = { type: 'rating', name: 's', title: 'S', required: true, min: 0, max: 10 };

describe('survey estimates', () => {
  it('gives the Wilson interval of a proportion (8 out of 10: 0.490 to 0.943)', () => {
    const interval = wilsonInterval(0.8, 10);
    expect(interval.lower).toBeCloseTo(0.4902, 4);
    expect(interval.upper).toBeCloseTo(0.9433, 4);
  });

  it('gives shares unweighted and weighted side by side, the weighted interval widened by the design effect', () => {
    const answers = ['oui', 'oui', 'oui', 'non', 'non', 'non'];
    const weights = [1, 1, 1, 3, 3, 3];
    const result = frequencies(choice, answers, weights);
    expect(result.respondents).toBe(6);
    expect(result.shares.oui?.share).toBeCloseTo(0.5, 10);
    expect(result.shares.oui?.weightedShare).toBeCloseTo(0.25, 10);
    // deff = 6 × (3 + 27) / 12² = 1.25; effective n = 4.8.
    expect(result.designEffect).toBeCloseTo(1.25, 10);
    expect(result.shares.oui?.weightedInterval).toEqual(wilsonInterval(0.25, 4.8));
  });

  it('gives the shares of a matrix row by row, over the respondents who answered that row', () => {
    const matrix: Question = {
      type: 'matrix',
      name: 'm',
      title: 'M',
      required: false,
      rows: [
        { value: 'a', text: 'A' },
        { value: 'b', text: 'B' },
      ],
      columns: [
        { value: 'oui', text: 'Oui' },
        { value: 'non', text: 'Non' },
      ],
    };
    const answers = [
      ...Array.from({ length: 6 }, () => ({ a: 'oui', b: 'non' })),
      ...Array.from({ length: 2 }, () => ({ a: 'non' })),
    ];
    const result = frequencies(matrix, answers, null);
    expect(result.respondents).toBe(8);
    expect(result.shares['a:oui']?.share).toBeCloseTo(6 / 8, 10);
    expect(result.shares['b:non']?.share).toBe(1);
    expect(result.shares['b:oui']).toMatchObject({ count: 0, share: 0 });
  });

  it('suppresses figures resting on fewer than five respondents', () => {
    const result = frequencies(choice, ['oui', 'non', 'oui', undefined], null);
    expect(result.respondents).toBe(3);
    expect(result.shares.oui).toEqual({
      count: 0,
      share: null,
      interval: null,
      weightedShare: null,
      weightedInterval: null,
    });
    expect(meanEstimate(scale, [1, 2, 3, 4], null).mean).toBeNull();
  });

  it('gives the mean of a scale with its normal interval', () => {
    // Mean 5, sample standard deviation √2.5, standard error √(2.5 / 5) = 0.7071.
    const result = meanEstimate(scale, [3, 4, 5, 6, 7], null);
    expect(result.mean).toBe(5);
    expect(result.interval?.lower).toBeCloseTo(5 - 1.959964 * Math.sqrt(0.5), 5);
  });

  it('cross-tabulates by group, leaving out groups under five respondents, with a chi-square test', () => {
    const answers = [...Array(10).fill('oui'), ...Array(10).fill('non'), 'oui', 'non'];
    const groups = [...Array(10).fill('agent'), ...Array(10).fill('elu'), 'x', 'x'];
    const table = crossTab(choice, 'profile', answers, groups, ['agent', 'elu']);
    expect(table.groups).toEqual([
      { group: 'agent', counts: [10, 0], respondents: 10 },
      { group: 'elu', counts: [0, 10], respondents: 10 },
    ]);
    expect(table.suppressed).toBe(2);
    expect(table.test.status === 'ok' && table.test.statistic).toBeCloseTo(20, 10);
  });
});
