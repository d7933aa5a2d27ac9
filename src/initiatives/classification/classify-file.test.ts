import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.ts';
import { shippedTaxonomy } from '../domains.ts';
import { type ClassifiedLine, classifyJsonLines } from './classify-file.ts';
import { shippedClassifier } from './shipped.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-classify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const deps = { classifier: shippedClassifier(), taxonomy: shippedTaxonomy() };

function file(name: string, lines: string[]): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, `${lines.join('\n')}\n`);
  return target;
}

describe('classifyJsonLines', () => {
  it('writes one line per input with domains, labels, confidences and deciding words, copying other fields', async () => {
    const out: ClassifiedLine[] = [];
    const report = await classifyJsonLines(
      file('ok.jsonl', [
        JSON.stringify({
          id: 'x1',
          title: 'Caméras de vidéoprotection',
          description: 'Dix caméras au centre',
          expected: ['securite'],
        }),
        '',
        JSON.stringify({
          title: 'Budget participatif',
          description: 'Les habitants votent en ligne pour les projets',
        }),
      ]),
      deps,
      (line) => out.push(line),
    );

    expect(report).toEqual({ lines: 2 });
    expect(out.map((line) => line.line)).toEqual([1, 3]);
    expect(out[0]?.domains[0]).toMatchObject({
      domain: 'securite',
      label: 'Sécurité',
      words: expect.arrayContaining(['caméras']),
    });
    expect(out[0]?.input).toEqual({ id: 'x1', expected: ['securite'] });
    expect(out[1]?.domains[0]?.domain).toBe('participation');
    expect(out[1]).not.toHaveProperty('input');
  });

  it('checks every line first and classifies nothing when one is bad', async () => {
    const out: ClassifiedLine[] = [];
    const error = await classifyJsonLines(
      file('bad.jsonl', [
        JSON.stringify({ title: 'Wifi', description: 'Bornes' }),
        '{"title": ',
        '[1, 2]',
        JSON.stringify({ title: 3 }),
        JSON.stringify({ title: ' ', description: '' }),
      ]),
      deps,
      (line) => out.push(line),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems.map((problem) => [problem.line, problem.message])).toEqual([
      [2, expect.stringMatching(/^JSON invalide/)],
      [3, 'un objet JSON {"title", "description"} est attendu sur chaque ligne'],
      [4, 'champ « title » : texte attendu'],
      [5, 'titre et description vides : rien à classer'],
    ]);
    expect(out).toEqual([]);
  });

  it('says when the file does not exist', async () => {
    const error = await classifyJsonLines(path.join(dir, 'absent.jsonl'), deps, () => {}).catch(
      (e: unknown) => e,
    );
    expect((error as UserError).code).toBe('not_found');
  });
});
