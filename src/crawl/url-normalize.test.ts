import { describe, expect, it } from 'vitest';
import { normalizeLink, normalizeUrl, type TrapContext, trapReason, urlShape } from './url-normalize.ts';

describe('normalizeUrl', () => {
  it.each([
    ['HTTPS://WWW.Ville.FR/Accueil', 'https://www.ville.fr/Accueil'],
    ['http://www.ville.fr:80/', 'http://www.ville.fr/'],
    ['https://www.ville.fr:443/a', 'https://www.ville.fr/a'],
    ['https://www.ville.fr:8443/a', 'https://www.ville.fr:8443/a'],
    ['https://www.ville.fr', 'https://www.ville.fr/'],
    ['https://www.ville.fr/page#contenu', 'https://www.ville.fr/page'],
    ['https://www.ville.fr/a/./b/../c', 'https://www.ville.fr/a/c'],
    ['https://www.ville.fr/index.html', 'https://www.ville.fr/index.html'],
    ['https://www.ville.fr/dossier/', 'https://www.ville.fr/dossier/'],
    ['https://www.ville.fr./a', 'https://www.ville.fr/a'],
    ['https://user:pass@www.ville.fr/', 'https://www.ville.fr/'],
    ['https://www.ville.fr/?', 'https://www.ville.fr/'],
    ['https://www.ville-saint-étienne.fr/', 'https://www.xn--ville-saint-tienne-mwb.fr/'],
  ])('canonicalises %s', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it.each([
    ['https://www.ville.fr/?b=2&a=1', 'https://www.ville.fr/?a=1&b=2'],
    ['https://www.ville.fr/?a=2&b=1&a=1', 'https://www.ville.fr/?a=2&a=1&b=1'],
    ['https://www.ville.fr/?page', 'https://www.ville.fr/?page'],
    ['https://www.ville.fr/?q=a+b', 'https://www.ville.fr/?q=a+b'],
  ])('sorts query parameters by name, keeping values as written: %s', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it.each([
    ['https://www.ville.fr/?utm_source=x&utm_medium=y&id=3', 'https://www.ville.fr/?id=3'],
    ['https://www.ville.fr/?fbclid=abc', 'https://www.ville.fr/'],
    ['https://www.ville.fr/?gclid=abc&p=1', 'https://www.ville.fr/?p=1'],
    ['https://www.ville.fr/?xtor=RSS-1', 'https://www.ville.fr/'],
    ['https://www.ville.fr/?at_medium=email&at_campaign=x', 'https://www.ville.fr/'],
    ['https://www.ville.fr/?pk_campaign=x&mtm_source=y', 'https://www.ville.fr/'],
    ['https://www.ville.fr/?UTM_Source=x', 'https://www.ville.fr/'],
  ])('drops tracking parameters: %s', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it.each([
    ['https://www.ville.fr/page;jsessionid=0A1B2C3D?x=1', 'https://www.ville.fr/page?x=1'],
    ['https://www.ville.fr/page;JSESSIONID=0A1B', 'https://www.ville.fr/page'],
    ['https://www.ville.fr/index.php?PHPSESSID=abc&id=4', 'https://www.ville.fr/index.php?id=4'],
    ['https://www.ville.fr/?sid=abc', 'https://www.ville.fr/'],
    ['https://www.ville.fr/?sessionid=abc&session_id=d', 'https://www.ville.fr/'],
    ['https://www.ville.fr/?ASPSESSIONIDQQ=abc', 'https://www.ville.fr/'],
  ])('drops session identifiers: %s', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it.each([
    ['https://www.ville.fr/%7euser', 'https://www.ville.fr/~user'],
    ['https://www.ville.fr/a%2fb', 'https://www.ville.fr/a%2Fb'],
    ['https://www.ville.fr/d%c3%a9marches', 'https://www.ville.fr/d%C3%A9marches'],
    ['https://www.ville.fr/démarches', 'https://www.ville.fr/d%C3%A9marches'],
    ['https://www.ville.fr/?q=%61', 'https://www.ville.fr/?q=a'],
  ])('normalises percent-escapes: %s', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it('resolves relative links against a base', () => {
    expect(normalizeUrl('../contact?b=1&a=2#x', 'https://www.ville.fr/mairie/services/')).toBe(
      'https://www.ville.fr/mairie/contact?a=2&b=1',
    );
    expect(normalizeUrl('//cdn.ville.fr/x', 'https://www.ville.fr/')).toBe('https://cdn.ville.fr/x');
  });

  it.each([
    'mailto:mairie@ville.fr',
    'tel:+33123456789',
    'javascript:void(0)',
    'ftp://ftp.ville.fr/',
    'data:text/html,x',
    'http://',
    'not a url',
  ])('rejects %s', (raw) => {
    expect(normalizeUrl(raw)).toBeNull();
  });

  it('is idempotent', () => {
    const once = normalizeUrl('HTTP://Ville.fr:80/a/../b;jsessionid=1?z=1&utm_x=2&a=%7e#f');
    expect(once).toBe('http://ville.fr/b?a=~&z=1');
    expect(normalizeUrl(once ?? '')).toBe(once);
  });
});

describe('trapReason', () => {
  const context: TrapContext = { now: new Date('2026-11-21T12:00:00Z') };
  const trap = (url: string, extra: Partial<TrapContext> = {}) => trapReason(url, { ...context, ...extra });

  it.each([
    'https://www.ville.fr/',
    'https://www.ville.fr/demarches/etat-civil/acte-de-naissance',
    'https://www.ville.fr/agenda?mois=2027-03',
    'https://www.ville.fr/agenda/2028/',
    'https://www.ville.fr/actualites/2015/03/inauguration',
    'https://www.ville.fr/fiche.php?id=2031',
    'https://www.ville.fr/deliberations/20310512',
    'https://www.ville.fr/plan-climat-2050',
    'https://www.ville.fr/fr/fr/page',
  ])('lets %s through', (url) => {
    expect(trap(url)).toBeNull();
  });

  it.each([
    ['https://www.ville.fr/agenda?month=2031-05', 'month far ahead'],
    ['https://www.ville.fr/agenda/2029/', 'year far ahead in the path'],
    ['https://www.ville.fr/evenements/2030-01-15', 'ISO date far ahead'],
    ['https://www.ville.fr/index.php?tx_cal_controller[getdate]=20310512', 'TYPO3 cal compact date'],
    ['https://www.ville.fr/agenda?date=2031', 'bare year in a date parameter'],
    ['https://www.ville.fr/calendrier?mois=2019-05', 'calendar paging far back'],
    ['https://www.ville.fr/agenda/2019/05/', 'calendar path far back'],
  ])('flags calendar paging: %s (%s)', (url) => {
    expect(trap(url)).toBe('calendar');
  });

  it('keeps old dates outside calendars (news archives)', () => {
    expect(trap('https://www.ville.fr/actualites/2012/')).toBeNull();
  });

  it('uses the injected clock', () => {
    expect(
      trap('https://www.ville.fr/agenda?month=2031-05', { now: new Date('2031-01-01T00:00:00Z') }),
    ).toBeNull();
  });

  it.each([
    'https://www.ville.fr/fr/fr/fr/page',
    'https://www.ville.fr/a/b/a/b',
    'https://www.ville.fr/mairie/services/mairie/services/contact',
    'https://www.ville.fr/x/images/y/images/z/images',
  ])('flags repeated path segments: %s', (url) => {
    expect(trap(url)).toBe('repeated_segments');
  });

  it('flags paths deeper than 12 segments', () => {
    const deep = `https://www.ville.fr/${Array.from({ length: 13 }, (_, i) => `s${i}`).join('/')}`;
    const ok = `https://www.ville.fr/${Array.from({ length: 12 }, (_, i) => `s${i}`).join('/')}`;
    expect(trap(deep)).toBe('path_too_deep');
    expect(trap(ok)).toBeNull();
  });

  it('flags query strings longer than 200 characters', () => {
    expect(trap(`https://www.ville.fr/recherche?q=${'a'.repeat(200)}`)).toBe('query_too_long');
  });

  it('flags more than 6 query parameters (faceted search)', () => {
    expect(trap('https://www.ville.fr/r?a=1&b=2&c=3&d=4&e=5&f=6&g=7')).toBe('too_many_params');
    expect(trap('https://www.ville.fr/r?a=1&b=2&c=3&d=4&e=5&f=6')).toBeNull();
  });

  it('flags a shape seen too often (URLs that differ only by their query values)', () => {
    expect(trap('https://www.ville.fr/actus?page=201', { shapeVariants: 200 })).toBe('query_variants');
    expect(trap('https://www.ville.fr/actus?page=200', { shapeVariants: 199 })).toBeNull();
  });

  it.each([
    'https://www.ville.fr/liste?lang=fr&lang=fr&lang=fr',
    'https://www.ville.fr/liste?filtre=ecole,ecole,ecole',
    'https://www.ville.fr/p?retour=/liste?retour=/liste?retour=/liste',
  ])('flags query strings that grow with each visit: %s', (url) => {
    expect(trap(url)).toBe('growing_query');
  });

  it.each([
    'https://www.ville.fr/liste?tag=a&tag=b',
    'https://www.ville.fr/?page_id=1111',
    'https://www.ville.fr/recherche?q=salle des fêtes',
    'https://www.ville.fr/liste?filtre=ecole,creche,cantine',
  ])('lets ordinary queries through: %s', (url) => {
    expect(trap(url)).toBeNull();
  });

  it('takes rule overrides', () => {
    expect(trap('https://www.ville.fr/a/b/c', { rules: { maxPathDepth: 2 } })).toBe('path_too_deep');
  });
});

describe('urlShape', () => {
  it('ignores parameter values and order', () => {
    expect(urlShape('https://www.ville.fr/actus?page=3&cat=2')).toBe(
      urlShape('https://www.ville.fr/actus?cat=9&page=4'),
    );
  });

  it('keeps the path as is', () => {
    expect(urlShape('https://www.ville.fr/page/3?x=1')).toBe('www.ville.fr/page/3?x');
  });

  it('is null for URLs without query', () => {
    expect(urlShape('https://www.ville.fr/page/3')).toBeNull();
  });
});

describe('normalizeLink', () => {
  it('normalises an absolute link as normalizeUrl does, whatever the page', () => {
    const href = 'HTTPS://Ville.fr/a/../b?utm_source=x&z=1&a=2#top';
    expect(normalizeLink(href, 'https://ville.fr/x/')).toBe(normalizeUrl(href));
    expect(normalizeLink(href, 'https://autre.fr/')).toBe('https://ville.fr/b?a=2&z=1');
  });

  it('resolves a relative link against its page each time', () => {
    expect(normalizeLink('page-2', 'https://ville.fr/actualites/')).toBe(
      'https://ville.fr/actualites/page-2',
    );
    expect(normalizeLink('page-2', 'https://ville.fr/agenda/')).toBe('https://ville.fr/agenda/page-2');
    expect(normalizeLink('mailto:mairie@ville.fr', 'https://ville.fr/')).toBeNull();
  });
});
