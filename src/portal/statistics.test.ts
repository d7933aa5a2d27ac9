import { describe, expect, it } from 'vitest';
import { median, percentile } from './statistics.ts';

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([900, 100, 300])).toBe(300);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([100, 400, 200, 300])).toBe(250);
  });

  it('is null without values', () => {
    expect(median([])).toBeNull();
  });
});

describe('percentile', () => {
  it('is the nearest-rank value, one actually observed', () => {
    const values = Array.from({ length: 10 }, (_, i) => (i + 1) * 100);
    expect(percentile(values, 90)).toBe(900);
    expect(percentile(values, 91)).toBe(1_000);
    expect(percentile([42], 90)).toBe(42);
  });

  it('is null without values', () => {
    expect(percentile([], 90)).toBeNull();
  });
});
