import { describe, expect, it } from 'vitest';
import { checkResult, failedPage, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { accessibilityStatementCheck } from './accessibility-statement.ts';

const STATEMENT_URL = `${HOME}declaration-accessibilite`;

function home(footerLinkText: string, href = STATEMENT_URL) {
  return portalPage(HOME, { content: { links: [{ href, text: footerLinkText }] } });
}

function statement(
  text: string,
  url = STATEMENT_URL,
  title = 'Déclaration d’accessibilité | Ville d’Exemple',
) {
  return portalPage(url, { content: { title, headings: ['Déclaration d’accessibilité'], text } });
}

const PARTIAL = `Cette déclaration d’accessibilité s’applique au site www.ville-exemple.fr.
État de conformité
Le site www.ville-exemple.fr est en conformité partielle avec le RGAA 4.1 en raison des non-conformités énumérées ci-dessous.
Résultats des tests
L’audit de conformité réalisé en février 2024 par la société Temesis révèle que 68,42 % des critères du RGAA version 4.1 sont respectés.
Cette déclaration a été établie le 14 mars 2024.`;

const TOTAL = `Déclaration d'accessibilité. Le site est totalement conforme avec le RGAA 4.1.
L'audit réalisé le 05/12/2023 révèle que 100 % des critères sont respectés.`;

const NON = `État de conformité : le site de la commune est non conforme avec le RGAA 4.1. Le site n’a encore pas été audité.`;

describe('accessibility_statement check', () => {
  it('warns on a partially conformant statement, with its rate, RGAA version and dates', () => {
    const result = checkResult(accessibilityStatementCheck, [
      home('Accessibilité : partiellement conforme'),
      statement(PARTIAL),
    ]);
    expect(result).toMatchObject({
      outcome: 'warn',
      value: 'partiellement',
      summary: 'Déclaration d’accessibilité : partiellement conforme (68,42 %)',
      details: {
        stateSource: 'statement',
        rate: 68.42,
        rgaaVersion: '4.1',
        auditDate: '2024-02',
        statementDate: '2024-03-14',
        statementUrl: STATEMENT_URL,
        footerState: 'partiellement',
        inconsistencies: [],
      },
    });
    expect(result.evidence.map((item) => item.url)).toEqual([STATEMENT_URL, HOME]);
  });

  it('passes on a totally conformant statement', () => {
    const result = checkResult(accessibilityStatementCheck, [
      home('Accessibilité : totalement conforme'),
      statement(TOTAL),
    ]);
    expect(result).toMatchObject({
      outcome: 'pass',
      value: 'totalement',
      details: { rate: 100, auditDate: '2023-12-05' },
    });
  });

  it('fails on a statement declaring the site non conformant', () => {
    const result = checkResult(accessibilityStatementCheck, [
      home('Accessibilité : non conforme'),
      statement(NON),
    ]);
    expect(result).toMatchObject({
      outcome: 'fail',
      value: 'non',
      summary: 'Déclaration d’accessibilité : non conforme',
    });
  });

  it('fails when the site has neither a statement nor an accessibility mention', () => {
    const pages = [home('Plan du site', `${HOME}plan-du-site`), portalPage(`${HOME}plan-du-site`)];
    expect(checkResult(accessibilityStatementCheck, pages)).toMatchObject({
      outcome: 'fail',
      value: null,
      summary: 'Déclaration d’accessibilité : absente',
    });
  });

  it('takes the state from the mention on the pages when the statement page was not crawled', () => {
    const result = checkResult(accessibilityStatementCheck, [home('Accessibilité : non conforme')]);
    expect(result).toMatchObject({
      outcome: 'fail',
      value: 'non',
      details: { stateSource: 'footer', statementUrl: null },
    });
  });

  it('recognises the page an « Accessibilité » link leads to, whatever its URL and title', () => {
    const url = `${HOME}fr/page/12`;
    const linked = portalPage(url, { content: { title: 'Accessibilité', headings: [], text: PARTIAL } });
    const pages = [home('Accessibilité', url), linked];
    expect(checkResult(accessibilityStatementCheck, pages)).toMatchObject({
      outcome: 'warn',
      details: { statementUrl: url, rate: 68.42 },
    });
  });

  it('recognises the statement by its title and URL when nothing links to it', () => {
    expect(checkResult(accessibilityStatementCheck, [portalPage(HOME), statement(TOTAL)]).outcome).toBe(
      'pass',
    );
  });

  it('deduces the state from the rate when the statement gives none (RGAA rule)', () => {
    const result = checkResult(accessibilityStatementCheck, [
      statement('Déclaration d’accessibilité. Le site respecte 74 % des critères du RGAA 4.'),
    ]);
    expect(result).toMatchObject({
      outcome: 'warn',
      value: 'partiellement',
      summary: 'Déclaration d’accessibilité : partiellement conforme (74 %, déduit du taux)',
      details: { stateSource: 'rate' },
    });
  });

  it('warns when a statement is published without a readable state', () => {
    const result = checkResult(accessibilityStatementCheck, [
      statement(
        'Déclaration d’accessibilité. La commune s’engage à rendre son site accessible conformément à la loi.',
      ),
    ]);
    expect(result).toMatchObject({ outcome: 'warn', value: null });
  });

  it('is unknown when a link to the statement exists but its page was not crawled', () => {
    const result = checkResult(accessibilityStatementCheck, [home('Déclaration d’accessibilité')]);
    expect(result).toMatchObject({ outcome: 'unknown', details: { linkUrl: STATEMENT_URL } });
  });

  it('notes a mention on the pages that contradicts the statement, and a rate that contradicts the state', () => {
    const result = checkResult(accessibilityStatementCheck, [
      home('Accessibilité : totalement conforme'),
      statement('Le site est partiellement conforme avec le RGAA 4.1. Taux de conformité : 42 %.'),
    ]);
    expect(result.outcome).toBe('warn');
    expect(result.details.inconsistencies).toEqual([
      'La mention des pages (« totalement conforme ») contredit la déclaration (« partiellement conforme »)',
      'Un taux de 42 % correspond à « non conforme » selon le RGAA, non à « partiellement conforme »',
    ]);
  });

  it('does not take a home page whose unmarked footer names the statement for the statement', () => {
    const homeWithFooterText = portalPage(HOME, {
      content: {
        text: 'Bienvenue. Déclaration d’accessibilité — Accessibilité : partiellement conforme',
        links: [{ href: STATEMENT_URL, text: 'Accessibilité : partiellement conforme' }],
      },
    });
    const result = checkResult(accessibilityStatementCheck, [homeWithFooterText]);
    expect(result).toMatchObject({ outcome: 'warn', details: { stateSource: 'footer', statementUrl: null } });
  });

  it('is unknown without any HTML page', () => {
    expect(checkResult(accessibilityStatementCheck, [failedPage(HOME, 'timeout', null)]).outcome).toBe(
      'unknown',
    );
  });
});
