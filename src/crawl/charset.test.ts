import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalCharset, charsetFromContentType, charsetFromMeta, decodeBody } from './charset.ts';

const FRENCH = 'Démarches en ligne : état civil, cantine, œuvres — 10 €';
const latin1 = (text: string) => iconv.encode(text, 'windows-1252');
const utf8 = (text: string) => Buffer.from(text, 'utf-8');

describe('decodeBody', () => {
  it('trusts a UTF-8 byte order mark over everything else', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(FRENCH)]);
    expect(decodeBody(bytes, 'text/html; charset=iso-8859-1')).toEqual({
      text: FRENCH,
      charset: 'utf-8',
      source: 'bom',
    });
  });

  it('reads a UTF-16LE byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FRENCH, 'utf16le')]);
    expect(decodeBody(bytes, null)).toMatchObject({ text: FRENCH, charset: 'utf-16le' });
  });

  it('uses the Content-Type charset', () => {
    expect(decodeBody(latin1(FRENCH), 'text/html; charset=windows-1252')).toMatchObject({
      text: FRENCH,
      source: 'header',
    });
  });

  it('decodes a declared ISO-8859-1 as windows-1252, as browsers do (€ and œ survive)', () => {
    expect(decodeBody(latin1(FRENCH), 'text/html; charset=ISO-8859-1')).toMatchObject({
      text: FRENCH,
      charset: 'windows-1252',
    });
  });

  it('reads <meta charset> when the header has none', () => {
    const html = `<html><head><meta charset="iso-8859-15"><title>${'é'}</title>`;
    expect(decodeBody(iconv.encode(html, 'iso-8859-15'), 'text/html')).toMatchObject({
      text: html,
      charset: 'iso-8859-15',
      source: 'meta',
    });
  });

  it('reads <meta http-equiv="Content-Type">', () => {
    const html = `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>${FRENCH}</p>`;
    expect(decodeBody(latin1(html), 'text/html')).toMatchObject({ text: html, source: 'meta' });
  });

  it('ignores a <meta charset> beyond the first 2 KB', () => {
    const html = `${' '.repeat(3000)}<meta charset="windows-1252">${FRENCH}`;
    expect(decodeBody(utf8(html), null)).toMatchObject({ text: html, charset: 'utf-8', source: 'sniffed' });
  });

  it('keeps UTF-8 when undeclared bytes are valid UTF-8', () => {
    expect(decodeBody(utf8(FRENCH), 'text/html')).toMatchObject({ text: FRENCH, source: 'sniffed' });
  });

  it('falls back to windows-1252 when undeclared bytes are not valid UTF-8', () => {
    expect(decodeBody(latin1(FRENCH), 'text/html')).toEqual({
      text: FRENCH,
      charset: 'windows-1252',
      source: 'fallback',
    });
  });

  it('skips an unknown declared charset and sniffs', () => {
    expect(decodeBody(latin1(FRENCH), 'text/html; charset=klingon')).toMatchObject({ source: 'fallback' });
  });

  it('treats a <meta> claiming UTF-16 on ASCII bytes as UTF-8', () => {
    expect(charsetFromMeta(utf8('<meta charset="utf-16">'))).toBe('utf-8');
  });
});

describe('charset labels', () => {
  it.each([
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['"utf-8"', 'utf-8'],
    ['latin1', 'windows-1252'],
    ['us-ascii', 'windows-1252'],
    ['ISO-8859-15', 'iso-8859-15'],
    ['nope', null],
  ])('canonicalCharset(%j) is %j', (label, expected) => {
    expect(canonicalCharset(label)).toBe(expected);
  });

  it('charsetFromContentType reads quoted values', () => {
    expect(charsetFromContentType('text/html; charset="UTF-8"')).toBe('utf-8');
    expect(charsetFromContentType('text/html')).toBeNull();
  });
});
