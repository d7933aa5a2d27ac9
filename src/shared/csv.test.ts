import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  amountScale,
  findHeader,
  headerKey,
  looksBinary,
  normalizeHeader,
  parseCsvBytes,
  parseFrenchNumber,
  readCsvFile,
} from './csv.ts';
import { UserError } from './errors.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

function problemsOf(read: () => unknown) {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('input_invalid');
    return (error as UserError).problems;
  }
  throw new Error('expected a UserError');
}

describe('parseCsvBytes', () => {
  it('reads UTF-8 without BOM, trims headers and values, and numbers rows by their file line', () => {
    const table = parseCsvBytes(utf8(' code ; année \n01001; 2023 \n01053;2022\n'), 'f.csv');
    expect(table).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      headers: ['code', 'année'],
      headerLine: 1,
    });
    expect(table.rows).toEqual([
      { line: 2, values: { code: '01001', année: '2023' } },
      { line: 3, values: { code: '01053', année: '2022' } },
    ]);
  });

  it('strips a UTF-8 byte order mark from the first header', () => {
    const table = parseCsvBytes(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('code,url\n01,ain.fr\n')]),
      'f.csv',
    );
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.headers).toEqual(['code', 'url']);
  });

  it('decodes a file that is not valid UTF-8 as Windows-1252', () => {
    const table = parseCsvBytes(
      iconv.encode('Agrégat;Montant\nRecettes de fonctionnement;1 000\n', 'win1252'),
      'f.csv',
    );
    expect(table.encoding).toBe('windows-1252');
    expect(table.headers).toEqual(['Agrégat', 'Montant']);
    expect(table.rows[0]?.values.Agrégat).toBe('Recettes de fonctionnement');
  });

  it('decodes UTF-16 with a byte order mark, the spreadsheets’ « Unicode text »', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('code\turl\n01\tain.fr\n', 'utf-16le'),
    ]);
    const table = parseCsvBytes(bytes, 'f.txt');
    expect(table).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headers: ['code', 'url'] });
  });

  it.each([
    ['a;b;c\n1;2;3\n', ';'],
    ['a,b,c\n1,2,3\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['"a,b";c;d\n1;2;3\n', ';'],
  ])('detects the delimiter from the header line, outside quotes: %j', (text, delimiter) => {
    expect(parseCsvBytes(utf8(text), 'f.csv').delimiter).toBe(delimiter);
  });

  it('honours and skips the « sep=; » line Excel writes', () => {
    const table = parseCsvBytes(utf8('sep=,\ncode,rrf\n01,"1 000,5"\n'), 'f.csv');
    expect(table).toMatchObject({ delimiter: ',', headers: ['code', 'rrf'], headerLine: 2 });
    expect(table.rows[0]).toEqual({ line: 3, values: { code: '01', rrf: '1 000,5' } });
  });

  it('keeps line numbers exact across CRLF endings, blank lines and quoted values spanning lines', () => {
    const table = parseCsvBytes(utf8('\r\na;b\r\n1;2\r\n\r\n"x\r\ny";3\r\n;\r\n4;5'), 'f.csv');
    expect(table.headerLine).toBe(2);
    expect(table.rows.map((row) => [row.line, row.values.a])).toEqual([
      [3, '1'],
      [5, 'x\ny'],
      [8, '4'],
    ]);
  });

  it('accepts trailing empty values beyond the header but reports rows with too few or too many values', () => {
    expect(parseCsvBytes(utf8('a;b\n1;2;;\n'), 'f.csv').rows).toHaveLength(1);
    const problems = problemsOf(() => parseCsvBytes(utf8('a;b\n1;2\n1;2;3\n1\n'), 'f.csv'));
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
    expect(problems[0]?.message).toContain('3 valeurs pour 2 colonnes');
  });

  it('reports an unbalanced quote at the line where the quoted value opens', () => {
    const problems = problemsOf(() => parseCsvBytes(utf8('a;b\n1;2\n"3;4\n5;6\n7;8\n'), 'f.csv'));
    expect(problems).toEqual([expect.objectContaining({ file: 'f.csv', line: 3 })]);
    expect(problems[0]?.message).toContain('guillemet');
  });

  it('hints at an unclosed quote when a record swallowed several lines', () => {
    const problems = problemsOf(() => parseCsvBytes(utf8('a;b;c\n1;2;3\n"4;5;6\n7;8";9\n'), 'f.csv'));
    expect(problems[0]).toMatchObject({ line: 3 });
    expect(problems[0]?.message).toContain('jusqu’à la ligne 4');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'vide'],
    ['a file of blank lines', utf8('\n \r\n\t\n'), 'vide'],
    ['a header without rows', utf8('code;annee;rrf\n'), 'que la ligne d’en-tête'],
    ['NUL bytes', Buffer.from('code;url\n01\u0000;x\n', 'latin1'), 'binaire'],
    ['random bytes', Buffer.concat([Buffer.from([0]), randomBytes(4096)]), 'binaire'],
  ])('rejects %s with a clear message', (_name, bytes, expected) => {
    const problems = problemsOf(() => parseCsvBytes(bytes, 'f.csv'));
    expect(problems[0]?.message).toContain(expected);
  });

  it('reports a column present twice', () => {
    const problems = problemsOf(() => parseCsvBytes(utf8('code;Code\n1;2\n'), 'f.csv'));
    expect(problems[0]).toMatchObject({ line: 1, column: 'Code' });
  });

  it('reports a missing file as an input problem', () => {
    const problems = problemsOf(() => readCsvFile('/nonexistent/finances.csv'));
    expect(problems[0]).toMatchObject({ file: 'finances.csv', message: 'fichier introuvable' });
  });
});

describe('looksBinary', () => {
  it('lets a stray control character through but not a high ratio of them', () => {
    expect(looksBinary(utf8(`code;url\n${'01;ain.fr\n'.repeat(50)}\u001a`))).toBe(false);
    expect(looksBinary(Buffer.from([0x41, 0x01, 0x02, 0x03, 0x41]))).toBe(true);
  });
});

describe('header matching', () => {
  it('normalises case, accents, spaces, underscores and punctuation', () => {
    expect(normalizeHeader('  Code Insee  Collectivité ')).toBe('code insee collectivite');
    expect(normalizeHeader('recettes_reelles_fonctionnement')).toBe('recettes reelles fonctionnement');
    expect(normalizeHeader('Année d’exercice')).toBe('annee d exercice');
  });

  it('drops the unit from a header key', () => {
    expect(headerKey("Recettes réelles de fonctionnement (en milliers d'euros)")).toBe(
      'recettes reelles de fonctionnement',
    );
    expect(headerKey('RRF en k€')).toBe('rrf');
    expect(headerKey('Montant en € par habitant')).toBe('montant en eur par habitant');
  });

  it('finds the first header among aliases taken in order of preference', () => {
    const headers = ['Code Insee Collectivité', 'Code Siren Collectivité', 'EXERCICE', 'RRF (€)'];
    expect(findHeader(headers, ['Siren', 'Code Siren Collectivité', 'Code Insee Collectivité'])).toBe(
      'Code Siren Collectivité',
    );
    expect(findHeader(headers, ['exercice', 'année'])).toBe('EXERCICE');
    expect(findHeader(headers, ['rrf'])).toBe('RRF (€)');
    expect(findHeader(headers, ['url'])).toBeUndefined();
  });

  it('reads thousands or millions of euros from a header, euros otherwise', () => {
    expect(amountScale("Recettes réelles de fonctionnement (en milliers d'euros)")).toBe(1000);
    expect(amountScale('RRF (k€)')).toBe(1000);
    expect(amountScale('RRF en M€')).toBe(1_000_000);
    expect(amountScale('Montant')).toBe(1);
    expect(amountScale('Montant (€)')).toBe(1);
  });
});

describe('parseFrenchNumber', () => {
  it.each([
    ['1 234 567,89', 1234567.89],
    ['1\u00a0234\u00a0567,89', 1234567.89],
    ['1\u202f234\u202f567,89', 1234567.89],
    ['1234567.89', 1234567.89],
    ['1234567,89', 1234567.89],
    ['1.234.567,89', 1234567.89],
    ['1,234,567.89', 1234567.89],
    ['0,5', 0.5],
    ['-12', -12],
    ['\u2212 12,5', -12.5],
    ['1 000 €', 1000],
    ['1.5E+06', 1_500_000],
    ['42', 42],
  ])('reads %j as %d', (raw, value) => {
    expect(parseFrenchNumber(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'vide'],
    ['   ', 'vide'],
    ['abc', 'n’est pas un nombre'],
    ['12,3,4', 'séparateurs'],
    ['1,234,567', 'séparateurs'],
    ['12 3', 'séparateurs'],
    ['1 2345', 'séparateurs'],
    ['12..5', 'séparateurs'],
    ['12a', 'n’est pas un nombre'],
    ['--3', 'n’est pas un nombre'],
  ])('refuses %j with a reason', (raw, reason) => {
    const result = parseFrenchNumber(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
