import { describe, expect, it } from 'vitest';
import { shippedTaxonomy } from './domains.ts';
import {
  checkModeration,
  checkOverride,
  emailOrProblem,
  initiativeIdentity,
  parseDomainList,
  parseProgress,
  validateInitiative,
} from './initiative.rules.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const VALID = { title: '  Budget   participatif ', description: ' Vote en ligne. ', year: '2026' };

describe('validateInitiative', () => {
  it('trims the text, normalises the address and defaults the progress to completed', () => {
    expect(validateInitiative({ ...VALID, url: 'www.ville.example/bp', contact: ' ' }, NOW)).toEqual({
      ok: true,
      fields: {
        title: 'Budget participatif',
        description: 'Vote en ligne.',
        year: 2026,
        url: 'https://www.ville.example/bp',
        progress: 'completed',
        contact: null,
      },
    });
  });

  it('accepts years from 1990 to next year only', () => {
    expect(validateInitiative({ ...VALID, year: '2027' }, NOW).ok).toBe(true);
    expect(validateInitiative({ ...VALID, year: '1990' }, NOW).ok).toBe(true);
    for (const year of ['2028', '1989', '26', '2026.5', 'deux mille']) {
      expect(validateInitiative({ ...VALID, year }, NOW)).toEqual({
        ok: false,
        problems: [{ field: 'year', message: `année « ${year} » invalide (attendu : de 1990 à 2027)` }],
      });
    }
  });

  it('lists every problem at once', () => {
    const result = validateInitiative(
      { title: 'x'.repeat(201), description: '', year: '2026', url: 'ftp://x.example', progress: 'bof' },
      NOW,
    );
    expect(result.ok === false && result.problems.map((problem) => problem.field)).toEqual([
      'title',
      'description',
      'url',
      'progress',
    ]);
  });
});

describe('parseProgress', () => {
  it('reads French and English labels, accents and case aside', () => {
    expect(
      ['En projet', 'EN COURS', 'Réalisée', 'realise', 'abandonnée', 'completed', ''].map(parseProgress),
    ).toEqual(['planned', 'in_progress', 'completed', 'completed', 'abandoned', 'completed', 'completed']);
    expect(parseProgress('bientôt')).toBeUndefined();
  });
});

describe('parseDomainList', () => {
  const taxonomy = shippedTaxonomy();
  it('takes keys or labels, in order, without repeating one', () => {
    expect(parseDomainList('Sécurité ; culture_patrimoine, securite', taxonomy)).toEqual({
      ok: true,
      domains: ['securite', 'culture_patrimoine'],
    });
  });
  it('refuses an empty list and unknown domains', () => {
    expect(parseDomainList(' ; ', taxonomy)).toEqual({ ok: false, message: 'au moins un domaine attendu' });
    expect(parseDomainList('sport', taxonomy)).toMatchObject({
      ok: false,
      message: expect.stringContaining('« sport » inconnu'),
    });
  });
});

describe('moderation', () => {
  it('decides a submitted initiative once', () => {
    expect(checkModeration('submitted', 'published', undefined, 1)).toBeUndefined();
    expect(checkModeration('submitted', 'rejected', 'doublon', 1)).toBeUndefined();
    expect(checkModeration('published', 'rejected', 'x', 1)?.code).toBe('conflict');
    expect(checkModeration('rejected', 'published', undefined, 1)?.code).toBe('conflict');
    expect(checkModeration(undefined, 'published', undefined, 7)).toEqual({
      code: 'not_found',
      message: 'Initiative n° 7 introuvable.',
    });
  });
  it('requires a reason to reject', () => {
    expect(checkModeration('submitted', 'rejected', '  ', 1)?.code).toBe('input_invalid');
  });
});

describe('overrides and identities', () => {
  it('requires a comment and a change, order counting (the first domain is the main one)', () => {
    expect(checkOverride(['a'], ['b'], 'raison')).toBeUndefined();
    expect(checkOverride(['a', 'b'], ['b', 'a'], 'le principal change')).toBeUndefined();
    expect(checkOverride(['a'], ['a'], 'raison')).toContain('rien à corriger');
    expect(checkOverride(['a'], ['b'], ' ')).toContain('motivée');
  });
  it('names people by their e-mail address in lower case', () => {
    expect(emailOrProblem(' Ana@Exemple.FR ', '--by')).toEqual({ ok: true, email: 'ana@exemple.fr' });
    expect(emailOrProblem('ana', '--by')).toMatchObject({ ok: false });
  });
  it('recognises an initiative by authority, year and title, accents and case aside', () => {
    expect(initiativeIdentity(3, 2025, 'Vidéoprotection')).toBe(
      initiativeIdentity(3, 2025, 'VIDEOPROTECTION'),
    );
    expect(initiativeIdentity(3, 2025, 'Vidéoprotection')).not.toBe(
      initiativeIdentity(3, 2024, 'Vidéoprotection'),
    );
  });
});
