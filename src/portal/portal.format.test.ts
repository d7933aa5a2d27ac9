import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatList, formatPercent, formatRatio } from './portal.format.ts';

describe('French formatting of figures', () => {
  it('shows durations in ms below a second and in seconds with a decimal comma above', () => {
    expect(formatDuration(420.4)).toBe('420 ms');
    expect(formatDuration(1_250)).toBe('1,25 s');
    expect(formatDuration(3_000)).toBe('3 s');
  });

  it('shows sizes in o, Kio and Mio', () => {
    expect(formatBytes(900)).toBe('900 o');
    expect(formatBytes(48_000)).toBe('47 Kio');
    expect(formatBytes(2_500_000)).toBe('2,4 Mio');
  });

  it('shows percentages with a decimal comma and no trailing zeros', () => {
    expect(formatPercent(62)).toBe('62 %');
    expect(formatPercent(68.42)).toBe('68,42 %');
    expect(formatRatio(0.025)).toBe('2,5 %');
  });

  it('joins lists the French way', () => {
    expect(formatList(['a'])).toBe('a');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b et c');
  });
});
