import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAINING,
  positiveContributions,
  score,
  sigmoid,
  trainBinary,
  trainOneVsRest,
} from './logistic.ts';

const example = (features: string[], labels: string[] = []) => ({
  values: new Map(features.map((feature) => [feature, 1])),
  labels: new Set(labels),
});

describe('logistic regression', () => {
  it('computes the sigmoid without overflow at the extremes', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 15);
  });

  it('learns a feature that separates the classes, and nothing from a feature both share', () => {
    const examples = [
      example(['camera', 'ville']),
      example(['camera', 'place']),
      example(['livre', 'ville']),
      example(['livre', 'place']),
    ];
    const model = trainBinary(examples, [1, 1, 0, 0], DEFAULT_TRAINING);
    expect(sigmoid(score(model, example(['camera']).values))).toBeGreaterThan(0.9);
    expect(sigmoid(score(model, example(['livre']).values))).toBeLessThan(0.1);
    expect(Math.abs(model.weights.get('ville') ?? 0)).toBeLessThan(0.1);
  });

  it('is deterministic: the same examples give the same weights', () => {
    const examples = [
      example(['a', 'b'], ['x']),
      example(['b', 'c'], ['y']),
      example(['a', 'c'], ['x', 'y']),
    ];
    const first = trainOneVsRest(examples, ['x', 'y']);
    const second = trainOneVsRest(examples, ['x', 'y']);
    expect([...(first.get('x')?.weights ?? [])]).toEqual([...(second.get('x')?.weights ?? [])]);
  });

  it('lists the positive contributions to a score, strongest first', () => {
    const model = {
      bias: 0,
      weights: new Map([
        ['a', 2],
        ['b', -1],
        ['c', 0.5],
      ]),
    };
    expect(
      positiveContributions(
        model,
        new Map([
          ['a', 1],
          ['b', 1],
          ['c', 3],
          ['z', 1],
        ]),
      ),
    ).toEqual([
      { feature: 'a', contribution: 2 },
      { feature: 'c', contribution: 1.5 },
    ]);
  });
});
