import { describe, expect, it } from 'vitest';
import {
  parseAuditDate,
  parseConformityRate,
  parseConformityState,
  parseRgaaVersion,
  parseStatement,
  parseStatementDate,
  stateFromRate,
  statementExcerpt,
  statementPageScore,
  statementPageSignals,
} from './accessibility-statement.rules.ts';

/** The official template (DINUM), filled in as most authorities do. */
const TEMPLATE_PARTIAL = `Déclaration d’accessibilité
La Ville d’Exemple s’engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
À cette fin, elle met en œuvre la stratégie et les actions suivantes : schéma pluriannuel de mise en accessibilité 2024-2026.
Cette déclaration d’accessibilité s’applique au site www.ville-exemple.fr.
État de conformité
Le site www.ville-exemple.fr est en conformité partielle avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités et des dérogations énumérées ci-dessous.
Résultats des tests
L’audit de conformité réalisé par la société Access42 révèle que : 68,42 % des critères du RGAA version 4.1 sont respectés.
Le taux moyen de conformité du service en ligne s’élève à 81 %.
Contenus non accessibles
Non-conformités : certaines images n’ont pas d’alternative textuelle ; les contenus non conformes sont listés ci-après.
Établissement de cette déclaration d’accessibilité
Cette déclaration a été établie le 14 mars 2024. Elle a été mise à jour le 2 septembre 2025.`;

const TOTAL = `Déclaration d'accessibilité. Le site de la Communauté de communes du Pays d'Exemple est totalement conforme avec le RGAA 4.1.2.
Résultats des tests : l'audit de conformité réalisé le 05/12/2023 par Ipedis révèle que 100 % des critères du RGAA sont respectés.
Cette déclaration a été établie le 10/01/2024.`;

const NON = `Déclaration d’accessibilité
État de conformité : le site du Département d’Exemple est non conforme avec le RGAA 4.1. Le site n’a encore pas été audité.
Cette déclaration a été établie le 1er juillet 2023.`;

const SHORT =
  'Accessibilité : partiellement conforme. Taux de conformité : 62 %. Audit réalisé en mars 2023 selon le RGAA v4.1.';

describe('parseConformityState', () => {
  it.each([
    ['Le site est en conformité partielle avec le RGAA 4.1', 'partiellement'],
    ['Accessibilité : partiellement conforme', 'partiellement'],
    ['ACCESSIBILITÉ : PARTIELLEMENT CONFORME', 'partiellement'],
    ['Le site est totalement conforme avec le RGAA', 'totalement'],
    ['Le site est en conformité totale avec le RGAA 4.1', 'totalement'],
    ['Accessibilité : non conforme', 'non'],
    ['Accessibilité : non-conforme', 'non'],
    ['Le site n’est pas conforme au RGAA 4.1', 'non'],
  ])('reads « %s » as %s', (text, state) => {
    expect(parseConformityState(text)).toBe(state);
  });

  it('takes the earliest declared state, the « État de conformité » section coming first', () => {
    expect(parseConformityState(TEMPLATE_PARTIAL)).toBe('partiellement');
    expect(parseConformityState(`${TOTAL} Pied de page — Accessibilité : non conforme`)).toBe('totalement');
  });

  it('does not take the « non-conformités » listed or « contenus non conformes » for a non-conformity state', () => {
    expect(
      parseConformityState('Non-conformités : les contenus non conformes sont listés ci-après.'),
    ).toBeNull();
  });

  it('does not read a state in a page that merely mentions accessibility', () => {
    expect(parseConformityState('Accessibilité du site et plan du site')).toBeNull();
  });
});

describe('parseConformityRate', () => {
  it.each([
    ['taux de conformité global : 62 %', 62],
    ['Taux de conformité au RGAA 4.1 : 62 %', 62],
    ['62,5 % des critères RGAA respectés', 62.5],
    ['Le site respecte 74 % des critères du RGAA 4', 74],
    ['révèle que 68,42 % des critères du RGAA version 4.1 sont respectés', 68.42],
    ['révèle que 68,42\u00a0% des critères', 68.42],
    ['Le site est conforme à 55 % au RGAA', 55],
    ['avec 47 % de conformité', 47],
  ])('reads « %s » as %d %%', (text, rate) => {
    expect(parseConformityRate(text)).toBe(rate);
  });

  it('prefers the share of criteria respected to the « taux moyen » of the official template', () => {
    expect(parseConformityRate(TEMPLATE_PARTIAL)).toBe(68.42);
    expect(parseConformityRate('Le taux moyen de conformité du service en ligne s’élève à 81 %.')).toBe(81);
  });

  it('ignores figures that cannot be a rate and texts without one', () => {
    expect(parseConformityRate('taux de conformité : 162 %')).toBeNull();
    expect(parseConformityRate('Le site n’a pas été audité.')).toBeNull();
  });
});

describe('parseRgaaVersion', () => {
  it.each([
    ['référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1,', '4.1'],
    ['Accessibilité du site', null],
    ['avec le RGAA 4.1.2.', '4.1.2'],
    ['selon le RGAA v4.1', '4.1'],
    ['RGAA version 4', '4'],
    ['critères du RGAA version 4.1 sont respectés', '4.1'],
    ['RGAA 3 2017', '3'],
  ])('reads « %s » as %s', (text, version) => {
    expect(parseRgaaVersion(text)).toBe(version);
  });
});

describe('audit and statement dates', () => {
  it('reads the date written after « audit », whatever its format', () => {
    expect(parseAuditDate('l’audit de conformité réalisé le 05/12/2023 par Ipedis')).toBe('2023-12-05');
    expect(parseAuditDate('Audit réalisé en mars 2023 selon le RGAA v4.1.')).toBe('2023-03');
    expect(parseAuditDate('Date de l’audit : 2024-02-29')).toBe('2024-02-29');
  });

  it('tells the audit date from the statement date in the same sentence', () => {
    const text =
      'Cette déclaration a été établie le 10/01/2024 à la suite d’un audit réalisé le 5 décembre 2023.';
    expect(parseAuditDate(text)).toBe('2023-12-05');
    expect(parseStatementDate(text)).toBe('2024-01-10');
  });

  it('reads « 1er juillet 2023 » as a day, not a month', () => {
    expect(parseStatementDate(NON)).toBe('2023-07-01');
  });

  it('gives no audit date when none is stated', () => {
    expect(parseAuditDate(NON)).toBeNull();
  });
});

describe('parseStatement', () => {
  it('reads the official template: partial, 68,42 %, RGAA 4.1, established 14 March 2024', () => {
    expect(parseStatement(TEMPLATE_PARTIAL)).toEqual({
      state: 'partiellement',
      rate: 68.42,
      rgaaVersion: '4.1',
      auditDate: null,
      statementDate: '2024-03-14',
    });
  });

  it('reads a fully conformant statement with its audit date', () => {
    expect(parseStatement(TOTAL)).toEqual({
      state: 'totalement',
      rate: 100,
      rgaaVersion: '4.1.2',
      auditDate: '2023-12-05',
      statementDate: '2024-01-10',
    });
  });

  it('reads a non-conformant statement without audit', () => {
    expect(parseStatement(NON)).toMatchObject({
      state: 'non',
      rate: null,
      rgaaVersion: '4.1',
      auditDate: null,
    });
  });

  it('reads a short footer-style statement', () => {
    expect(parseStatement(SHORT)).toMatchObject({
      state: 'partiellement',
      rate: 62,
      rgaaVersion: '4.1',
      auditDate: '2023-03',
    });
  });
});

describe('stateFromRate', () => {
  it('applies the RGAA rule: 100 % totally, from 50 % partially, below non conformant', () => {
    expect(stateFromRate(100, 50, 100)).toBe('totalement');
    expect(stateFromRate(50, 50, 100)).toBe('partiellement');
    expect(stateFromRate(49.9, 50, 100)).toBe('non');
  });
});

describe('statementExcerpt', () => {
  it('keeps the sentences about conformity, rate and dates, and parses like the whole text', () => {
    const padding = 'Le site présente les actualités de la commune et ses services. '.repeat(300);
    const text = `${padding}\n${TEMPLATE_PARTIAL}\n${padding}`;
    const excerpt = statementExcerpt(text, 5 * 1024);
    expect(Buffer.byteLength(excerpt, 'utf8')).toBeLessThanOrEqual(5 * 1024);
    expect(parseStatement(excerpt)).toEqual(parseStatement(TEMPLATE_PARTIAL));
  });

  it('stays within its byte budget, accented characters counting double', () => {
    const text = 'Conformité éèàù '.repeat(2_000);
    expect(Buffer.byteLength(statementExcerpt(text, 1_000), 'utf8')).toBeLessThanOrEqual(1_000);
  });
});

describe('statement page recognition', () => {
  it('recognises the statement by its title, its URL or a link to it, not by a footer mention alone', () => {
    const titled = statementPageSignals(
      { title: 'Déclaration d’accessibilité - Ville', headings: [], text: '' },
      '/page-12',
    );
    expect(statementPageScore(titled, false)).toBeGreaterThan(0);
    const byUrl = statementPageSignals(
      { title: 'Accessibilité', headings: [], text: '' },
      '/declaration-accessibilite',
    );
    expect(statementPageScore(byUrl, false)).toBeGreaterThan(0);
    const footerOnly = statementPageSignals(
      {
        title: 'Accueil',
        headings: [],
        text: 'Déclaration d’accessibilité — Accessibilité : partiellement conforme',
      },
      '/',
    );
    expect(statementPageScore(footerOnly, false)).toBe(0);
    expect(statementPageScore(footerOnly, true)).toBeGreaterThan(0);
  });

  it('ranks a titled statement at its usual URL above a page only linked as « Accessibilité »', () => {
    const best = statementPageSignals(
      { title: 'Déclaration d’accessibilité', headings: [], text: TEMPLATE_PARTIAL },
      '/accessibilite',
    );
    const linked = statementPageSignals({ title: 'Accessibilité', headings: [], text: '' }, '/page-12');
    expect(statementPageScore(best, false)).toBeGreaterThan(statementPageScore(linked, true));
  });
});
