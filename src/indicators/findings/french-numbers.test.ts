import { describe, expect, it } from 'vitest';
import {
  countText,
  figureText,
  listText,
  percentText,
  spellableAtStart,
  spellNumber,
} from './french-numbers.ts';

describe('spellNumber (traditional French spelling)', () => {
  it.each([
    [0, 'zéro'],
    [1, 'un'],
    [16, 'seize'],
    [17, 'dix-sept'],
    [21, 'vingt et un'],
    [22, 'vingt-deux'],
    [71, 'soixante et onze'],
    [77, 'soixante-dix-sept'],
    [80, 'quatre-vingts'],
    [81, 'quatre-vingt-un'],
    [91, 'quatre-vingt-onze'],
    [98, 'quatre-vingt-dix-huit'],
    [100, 'cent'],
    [101, 'cent un'],
    [180, 'cent quatre-vingts'],
    [200, 'deux cents'],
    [201, 'deux cent un'],
    [1000, 'mille'],
    [1001, 'mille un'],
    [2000, 'deux mille'],
    [80_000, 'quatre-vingt mille'],
    [200_000, 'deux cent mille'],
    [34_969, 'trente-quatre mille neuf cent soixante-neuf'],
  ])('%i → %s', (n, words) => {
    expect(spellNumber(n)).toBe(words);
  });

  it('agrees un with a feminine noun', () => {
    expect(spellNumber(1, 'feminine')).toBe('une');
    expect(spellNumber(21, 'feminine')).toBe('vingt et une');
    expect(spellNumber(81, 'feminine')).toBe('quatre-vingt-une');
    expect(spellNumber(11, 'feminine')).toBe('onze');
  });

  it('refuses what it cannot spell', () => {
    expect(() => spellNumber(-1)).toThrow(RangeError);
    expect(() => spellNumber(1.5)).toThrow(RangeError);
    expect(() => spellNumber(1_000_000)).toThrow(RangeError);
  });
});

describe('numbers in running text', () => {
  it('writes counts up to ten in words, larger ones in figures with a narrow no-break space', () => {
    expect(countText(6)).toBe('six');
    expect(countText(10)).toBe('dix');
    expect(countText(11)).toBe('11');
    expect(countText(34_969)).toBe('34\u202f969');
  });

  it('opens a sentence on words up to a hundred only', () => {
    expect(spellableAtStart(100)).toBe(true);
    expect(spellableAtStart(101)).toBe(false);
  });

  it('writes percentages with a decimal comma and a no-break space', () => {
    expect(percentText(0.3366)).toBe('34\u00a0%');
    expect(percentText(0.3366, 1)).toBe('33,7\u00a0%');
  });

  it('writes a median between two counts with its half', () => {
    expect(figureText(23)).toBe('23');
    expect(figureText(23.5)).toBe('23,5');
  });

  it('lists with commas and « et »', () => {
    expect(listText(['A'])).toBe('A');
    expect(listText(['A', 'B'])).toBe('A et B');
    expect(listText(['A', 'B', 'C'])).toBe('A, B et C');
  });
});
