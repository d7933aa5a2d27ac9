import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from './csv.ts';
import { toCsv } from './csv-write.ts';

describe('toCsv', () => {
  it('writes a BOM, semicolons and CRLF, quoting only the values that need it', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x; y', 'il dit "oui"'],
          [3, null],
          [' espace', 'deux\nlignes'],
        ],
      ),
    ).toBe('\uFEFFa;b\r\n"x; y";"il dit ""oui"""\r\n3;\r\n" espace";"deux\nlignes"\r\n');
  });

  it('is read back as written by the project’s CSV reader', () => {
    const text = toCsv(
      ['Titre', 'Description'],
      [['Café numérique', 'Ateliers ; "débutants"\navec retour à la ligne']],
    );
    const table = parseCsvBytes(Buffer.from(text, 'utf8'), 'export.csv');
    expect(table.rows[0]?.values).toEqual({
      Titre: 'Café numérique',
      Description: 'Ateliers ; "débutants"\navec retour à la ligne',
    });
  });
});
