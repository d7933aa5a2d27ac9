import { describe, expect, it } from 'vitest';
import { normalizeWebsiteUrl } from './url.ts';

describe('normalizeWebsiteUrl', () => {
  it.each([
    ['www.ain.fr', 'https://www.ain.fr/'],
    ['  https://www.ain.fr  ', 'https://www.ain.fr/'],
    ['HTTPS://WWW.Ain.FR/Accueil?x=1#haut', 'https://www.ain.fr/Accueil?x=1'],
    ['http://www.ain.fr:80/', 'http://www.ain.fr/'],
    ['ain.fr/accueil', 'https://ain.fr/accueil'],
    ['//www.ain.fr', 'https://www.ain.fr/'],
    ['www.ain.fr:8080/portail', 'https://www.ain.fr:8080/portail'],
    ['https://www.ville-saint-étienne.fr', 'https://www.xn--ville-saint-tienne-mwb.fr/'],
  ])('turns %j into %j', (raw, url) => {
    expect(normalizeWebsiteUrl(raw)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'vide'],
    ['javascript:alert(1)', 'javascript:'],
    ['JavaScript://alert(1)', 'javascript:'],
    ['mailto:mairie@ain.fr', 'mailto:'],
    ['ftp://ftp.ain.fr', 'ftp:'],
    ['data:text/html,x', 'data:'],
    ['http:www.ain.fr', '//'],
    ['https://', 'lisible'],
    ['localhost', 'nom de domaine'],
    ['https://ain', 'nom de domaine'],
    ['https://-ain-.fr', 'nom de domaine'],
    ['https://192.168.1.1/', 'adresse IP'],
    ['https://user:secret@www.ain.fr', 'identifiant'],
    ['www.ain .fr', 'espaces'],
  ])('refuses %j with a reason', (raw, reason) => {
    const result = normalizeWebsiteUrl(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
