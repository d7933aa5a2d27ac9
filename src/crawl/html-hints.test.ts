import { describe, expect, it } from 'vitest';
import { looksLikeHtml, metaRefreshTarget } from './html-hints.ts';

describe('looksLikeHtml', () => {
  it.each([
    '<!DOCTYPE html><html>',
    '  \n<html lang="fr">',
    '<!-- généré par SPIP --><!doctype html>',
    '\uFEFF<html>',
    '<head><title>x</title>',
  ])('recognises %j', (text) => {
    expect(looksLikeHtml(Buffer.from(text))).toBe(true);
  });

  it.each(['%PDF-1.4', '{"a":1}', '<?xml version="1.0"?><urlset>', 'texte brut', ''])(
    'rejects %j',
    (text) => {
      expect(looksLikeHtml(Buffer.from(text))).toBe(false);
    },
  );
});

describe('metaRefreshTarget', () => {
  const page = 'https://ville.fr/';

  it.each([
    ['<meta http-equiv="refresh" content="0; url=/fr/">', 'https://ville.fr/fr/'],
    [
      '<META HTTP-EQUIV="Refresh" CONTENT="0;URL=https://www.ville.fr/portail">',
      'https://www.ville.fr/portail',
    ],
    ['<meta content="5; url=\'accueil.html\'" http-equiv="refresh">', 'https://ville.fr/accueil.html'],
    ['<meta http-equiv=refresh content="0;url=/a">', 'https://ville.fr/a'],
  ])('reads %s', (html, expected) => {
    expect(metaRefreshTarget(html, page)).toBe(expected);
  });

  it('ignores a refresh without URL (a page reloading itself)', () => {
    expect(metaRefreshTarget('<meta http-equiv="refresh" content="300">', page)).toBeNull();
  });

  it('ignores other meta tags', () => {
    expect(metaRefreshTarget('<meta name="description" content="0; url=/x">', page)).toBeNull();
  });
});
