import { InvalidArgumentError } from 'commander';
import { AUTHORITY_KINDS, type AuthorityKind } from '../db/schema.ts';

export function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new InvalidArgumentError('année attendue entre 2000 et 2100, par exemple 2026.');
  }
  return year;
}

export function parseAuthorityKind(value: string): AuthorityKind {
  if (!(AUTHORITY_KINDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`type attendu parmi : ${AUTHORITY_KINDS.join(', ')}.`);
  }
  return value as AuthorityKind;
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('entier positif attendu.');
  return number;
}

export function parseBrowserMode(value: string): 'http' | 'auto' | 'always' {
  if (value !== 'http' && value !== 'auto' && value !== 'always') {
    throw new InvalidArgumentError('mode attendu parmi : http, auto, always.');
  }
  return value;
}
