import { describe, expect, it } from 'vitest';
import { checkResult, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import type { PageForm } from '../../detection/page.ts';
import { contactPageCheck } from './contact-page.ts';

const messageForm: PageForm = {
  action: null,
  method: 'post',
  fields: [
    { type: 'text', name: 'nom', label: 'Nom' },
    { type: 'text', name: 'courriel', label: 'Adresse électronique' },
    { type: 'textarea', name: 'message', label: 'Votre message' },
  ],
  hasFileUpload: false,
  hasSubmit: true,
  isSearch: false,
};

describe('contact_page check', () => {
  it.each(['Contact', 'Nous contacter', 'Contactez-nous', 'Nous écrire'])(
    'passes on a « %s » link',
    (text) => {
      const result = checkResult(contactPageCheck, [
        portalPage(HOME, { content: { links: [{ href: `${HOME}p/7`, text }] } }),
      ]);
      expect(result).toMatchObject({ outcome: 'pass', value: `${HOME}p/7` });
    },
  );

  it('passes on a contact page found by its URL', () => {
    expect(
      checkResult(contactPageCheck, [portalPage(HOME), portalPage(`${HOME}nous-contacter`)]).outcome,
    ).toBe('pass');
  });

  it('passes on a message form (e-mail and free text) even without a contact link', () => {
    const result = checkResult(contactPageCheck, [
      portalPage(HOME),
      portalPage(`${HOME}mairie/ecrire`, { content: { title: 'Écrire à la mairie', forms: [messageForm] } }),
    ]);
    expect(result).toMatchObject({ outcome: 'pass', details: { formUrl: `${HOME}mairie/ecrire` } });
    expect(result.summary).toBe('Page de contact : présente, avec formulaire');
  });

  it('does not take a search form or a newsletter sign-up for a contact form', () => {
    const search: PageForm = { ...messageForm, isSearch: true };
    const newsletter: PageForm = {
      ...messageForm,
      fields: [{ type: 'email', name: 'email', label: 'Votre courriel' }],
    };
    const result = checkResult(contactPageCheck, [
      portalPage(HOME, { content: { forms: [search, newsletter] } }),
    ]);
    expect(result).toMatchObject({ outcome: 'fail', summary: 'Page de contact : introuvable' });
  });
});
