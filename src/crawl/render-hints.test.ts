import { describe, expect, it } from 'vitest';
import { javascriptDependence } from './render-hints.ts';

const LONG_TEXT = 'La mairie vous accueille du lundi au vendredi pour vos démarches. '.repeat(6);
const VERY_LONG_TEXT = LONG_TEXT.repeat(4);

function page(body: string, head = '<title>Mairie de Ville-A — démarches en ligne</title>'): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

describe('javascriptDependence', () => {
  it('a framework app root with little text needs the browser', () => {
    const result = javascriptDependence(page('<div id="app"></div><script src="/js/app.js"></script>'));
    expect(result).toMatchObject({ needsBrowser: true, reason: 'app_root', textChars: 0, scripts: 1 });
  });

  it.each([
    '<div id="root"></div>',
    '<div id="__next"></div>',
    '<div id="__nuxt"></div>',
    '<app-root></app-root>',
    '<div ng-app="portail"></div>',
    '<div data-reactroot=""></div>',
  ])('recognises the app root %s', (root) => {
    expect(javascriptDependence(page(`${root}<script src="/main.js"></script>`)).reason).toBe('app_root');
  });

  it('scripts and a near-empty body need the browser even without a known root', () => {
    const result = javascriptDependence(
      page('<div class="shell">Chargement…</div><script>window.boot()</script>'),
    );
    expect(result).toMatchObject({ needsBrowser: true, reason: 'scripts_only', hasAppRoot: false });
  });

  it('a page with real text does not, whatever its scripts and root', () => {
    const result = javascriptDependence(
      page(`<div id="app"><h1>Démarches</h1><p>${LONG_TEXT}</p></div><script src="/app.js"></script>`),
    );
    expect(result).toMatchObject({ needsBrowser: false, reason: null });
    expect(result.textChars).toBeGreaterThan(200);
  });

  it('a short page without any script does not: there is nothing to run', () => {
    expect(javascriptDependence(page('<p>Page en travaux.</p>'))).toMatchObject({
      needsBrowser: false,
      scripts: 0,
    });
  });

  it('script, style, title and noscript text is not visible text', () => {
    const result = javascriptDependence(
      page(
        `<style>${'.a{color:red}'.repeat(50)}</style><script>var t = "${'x'.repeat(500)}";</script><noscript>${LONG_TEXT}</noscript><div id="root"></div>`,
        `<title>${'Titre '.repeat(60)}</title>`,
      ),
    );
    expect(result.textChars).toBe(0);
    expect(result.needsBrowser).toBe(true);
  });

  it('data scripts (JSON-LD, templates) are not code', () => {
    const result = javascriptDependence(
      page('<p>Contact</p><script type="application/ld+json">{"@type":"GovernmentOrganization"}</script>'),
    );
    expect(result).toMatchObject({ scripts: 0, needsBrowser: false });
  });

  it.each([
    'Vous devez activer JavaScript pour utiliser ce téléservice.',
    'You need to enable JavaScript to run this app.',
    'JavaScript est désactivé dans votre navigateur.',
    'Ce site nécessite JavaScript.',
  ])('a <noscript> asking for JavaScript on a modest page needs the browser: %s', (message) => {
    const result = javascriptDependence(
      page(`<header>Portail famille</header><p>${LONG_TEXT}</p><noscript>${message}</noscript>`),
    );
    expect(result).toMatchObject({ needsBrowser: true, reason: 'noscript', noscriptAsksForJavaScript: true });
  });

  it('a full page carrying a "please enable JavaScript" banner is left to HTTP', () => {
    const result = javascriptDependence(
      page(
        `<noscript>Merci d’activer JavaScript.</noscript><main>${VERY_LONG_TEXT}</main><script src="/a.js"></script>`,
      ),
    );
    expect(result).toMatchObject({ needsBrowser: false, noscriptAsksForJavaScript: true });
  });

  it('a tracking <noscript> (pixel, tag manager) says nothing about JavaScript', () => {
    const result = javascriptDependence(
      page(
        `<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X"></iframe></noscript><p>${LONG_TEXT}</p>`,
      ),
    );
    expect(result).toMatchObject({ needsBrowser: false, noscriptAsksForJavaScript: false });
  });

  it('entities are decoded and whitespace collapsed before counting', () => {
    const result = javascriptDependence(page('<p>  A&nbsp;&amp;\n\n   B  </p><script></script>'));
    expect(result.textChars).toBe('A\u00a0& B'.length);
  });

  it('reads unclosed and upper-case markup', () => {
    const result = javascriptDependence('<HTML><BODY><DIV ID="APP"><SCRIPT SRC="/x.js"></SCRIPT>');
    expect(result).toMatchObject({ needsBrowser: true, reason: 'app_root' });
  });
});
