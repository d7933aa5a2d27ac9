import { describe, expect, it } from 'vitest';
import { checkResult, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import type { PageForm } from '../../detection/page.ts';
import { siteSearchCheck } from './site-search.ts';

const searchForm: PageForm = {
  action: `${HOME}recherche`,
  method: 'get',
  fields: [{ type: 'search', name: 'q', label: 'Rechercher' }],
  hasFileUpload: false,
  hasSubmit: true,
  isSearch: true,
};

describe('site_search check', () => {
  it('passes on a search form on the home page', () => {
    const result = checkResult(siteSearchCheck, [portalPage(HOME, { content: { forms: [searchForm] } })]);
    expect(result).toMatchObject({
      outcome: 'pass',
      value: HOME,
      summary: 'Moteur de recherche : présent sur la page d’accueil',
      details: { onHome: true, formAction: `${HOME}recherche` },
    });
  });

  it('passes on a search page elsewhere on the site', () => {
    const result = checkResult(siteSearchCheck, [portalPage(HOME), portalPage(`${HOME}recherche`)]);
    expect(result).toMatchObject({ outcome: 'pass', value: `${HOME}recherche`, details: { onHome: false } });
  });

  it('fails when no search form nor search page is found', () => {
    expect(checkResult(siteSearchCheck, [portalPage(HOME), portalPage(`${HOME}actualites`)]).outcome).toBe(
      'fail',
    );
  });

  it('is unknown without any HTML page', () => {
    expect(checkResult(siteSearchCheck, []).outcome).toBe('unknown');
  });
});
