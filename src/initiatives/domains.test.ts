import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import { findDomain, parseTaxonomy, shippedTaxonomy } from './domains.ts';

function problemsOf(text: string) {
  try {
    parseTaxonomy(text, 'domains.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).problems;
  }
  throw new Error('expected the taxonomy to be rejected');
}

const DOMAIN = (key: string, keyword: string) => `  - key: ${key}
    label: Libellé ${key}
    description: Description
    subtopics: [un exemple]
    keywords: [${keyword}]
`;

describe('domain taxonomy', () => {
  it('ships the ten domains of the barometer, each described with examples and keywords', () => {
    const taxonomy = shippedTaxonomy();
    expect(taxonomy.domains.map((domain) => domain.label)).toEqual([
      'Accès et inclusion numérique',
      'Communication publique',
      'Culture et patrimoine',
      'Éducation et périscolaire',
      'E-administration et services en ligne',
      'Participation citoyenne',
      'Territoire intelligent, mobilité et environnement',
      'Développement économique',
      'Social et santé',
      'Sécurité',
    ]);
    for (const domain of taxonomy.domains) {
      expect(domain.subtopics.length).toBeGreaterThanOrEqual(3);
      expect(domain.keywords.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('locates each problem by line and field', () => {
    const problems = problemsOf(`version: 1
domains:
${DOMAIN('culture', 'musée')}  - key: Mauvaise Clé
    label: ""
    description: x
    subtopics: []
    keywords: [musée]
    extra: 1
`);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 8,
        field: 'domains.1.key',
        message: expect.stringContaining('clé attendue'),
      }),
      expect.objectContaining({ line: 9, field: 'domains.1.label', message: 'libellé vide' }),
      expect.objectContaining({ line: 11, field: 'domains.1.subtopics', message: 'au moins un sous-thème' }),
      expect.objectContaining({ line: 8, field: 'domains.1', message: expect.stringContaining('extra') }),
    ]);
  });

  it('refuses a key used twice and a keyword claimed by two domains', () => {
    const problems = problemsOf(`version: 1
domains:
${DOMAIN('culture', 'musée')}${DOMAIN('culture', 'théâtre')}${DOMAIN('tourisme', 'Musee')}`);
    expect(problems.map((problem) => [problem.line, problem.message])).toEqual([
      [8, 'clé « culture » déjà utilisée par un autre domaine'],
      [17, 'mot-clé « Musee » déjà attribué au domaine « culture »'],
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('version: 1\ndomains: [\n')[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^YAML invalide/),
    });
  });

  it('finds a domain by key or says which keys exist', () => {
    expect(findDomain(shippedTaxonomy(), ' securite ')).toMatchObject({ label: 'Sécurité' });
    expect(findDomain(shippedTaxonomy(), 'police')).toMatch(
      /^domaine « police » inconnu \(attendu : acces_inclusion, /,
    );
  });
});
