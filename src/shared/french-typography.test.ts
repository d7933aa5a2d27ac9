import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDecimal,
  formatEuros,
  formatInteger,
  formatPercent,
  frenchTypography,
  NARROW_NBSP,
  NBSP,
  plural,
  quote,
} from './french-typography.ts';

describe('French number formatting', () => {
  it('separates thousands with a narrow no-break space', () => {
    expect(formatInteger(34875)).toBe(`34${NARROW_NBSP}875`);
    expect(formatInteger(1234567)).toBe(`1${NARROW_NBSP}234${NARROW_NBSP}567`);
    expect(formatInteger(999)).toBe('999');
  });

  it('writes decimals with a comma and a fixed number of places', () => {
    expect(formatDecimal(1234.56)).toBe(`1${NARROW_NBSP}234,6`);
    expect(formatDecimal(0.5, 2)).toBe('0,50');
    expect(formatDecimal(3)).toBe('3,0');
  });

  it('puts a no-break space before the percent sign and the euro sign', () => {
    expect(formatPercent(0.125)).toBe(`12,5${NBSP}%`);
    expect(formatPercent(1, 0)).toBe(`100${NBSP}%`);
    expect(formatEuros(1500000)).toBe(`1${NARROW_NBSP}500${NARROW_NBSP}000${NBSP}€`);
  });

  it('uses the singular below 2, as French does', () => {
    expect(plural(0, 'démarche')).toBe('0 démarche');
    expect(plural(1, 'département')).toBe('1 département');
    expect(plural(1500, 'habitant')).toBe(`1${NARROW_NBSP}500 habitants`);
    expect(plural(2, 'travail', 'travaux')).toBe('2 travaux');
  });

  it('writes dates in words, in UTC', () => {
    expect(formatDate('2026-11-21T23:30:00Z')).toBe('21 novembre 2026');
    expect(formatDate(new Date(Date.UTC(2026, 0, 1)))).toBe('1 janvier 2026');
  });
});

describe('frenchTypography', () => {
  it('puts a narrow no-break space before ; ! ? whether or not a space was typed', () => {
    expect(frenchTypography('Vraiment?')).toBe(`Vraiment${NARROW_NBSP}?`);
    expect(frenchTypography('Oui ; non !')).toBe(`Oui${NARROW_NBSP}; non${NARROW_NBSP}!`);
  });

  it('keeps a group of marks together', () => {
    expect(frenchTypography('Vraiment ?!')).toBe(`Vraiment${NARROW_NBSP}?!`);
  });

  it('puts a no-break space before a colon', () => {
    expect(frenchTypography('Note: voir plus bas')).toBe(`Note${NBSP}: voir plus bas`);
    expect(frenchTypography('Source : INSEE')).toBe(`Source${NBSP}: INSEE`);
  });

  it('leaves URLs, times and query strings alone', () => {
    const text = 'Voir https://exemple.fr/a?b=1 à 10:30';
    expect(frenchTypography(text)).toBe(text);
  });

  it('puts no-break spaces inside guillemets', () => {
    expect(frenchTypography('le « bout en bout »')).toBe(`le «${NBSP}bout en bout${NBSP}»`);
    expect(frenchTypography('«non»')).toBe(`«${NBSP}non${NBSP}»`);
    expect(quote(' démarche ')).toBe(`«${NBSP}démarche${NBSP}»`);
  });

  it('is idempotent', () => {
    const once = frenchTypography('Comment votre collectivité se situe-t-elle ? « Bien » : oui !');
    expect(frenchTypography(once)).toBe(once);
  });
});
