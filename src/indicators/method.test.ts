import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_2026_1 } from '../../test/support/indicator-world.ts';
import { UserError } from '../shared/errors.ts';
import { defaultMethodRoot, loadIndicatorMethod, parseIndicatorMethod } from './method.ts';

const problemsOf = (text: string, label = 'indicators/2026.1.yaml') => {
  try {
    parseIndicatorMethod(text, label);
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  throw new Error('the method was accepted');
};

describe('indicator method file', () => {
  it('loads the shipped method, whose weights total 100', async () => {
    const method = await loadIndicatorMethod();
    // The pure tests' copy of the method is the shipped one.
    expect(method).toEqual(METHOD_2026_1);
    const weights = Object.values(method.index.weights);
    expect(weights.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('names the line of weights that do not total 100', async () => {
    const shipped = await readFile(path.join(defaultMethodRoot(), '2026.1.yaml'), 'utf8');
    const text = shipped.replace('end_to_end: 40', 'end_to_end: 45');
    const lines = text.split('\n');
    const weightsLine = lines.findIndex((line) => line.trim() === 'weights:') + 1;
    expect(problemsOf(text)).toEqual([
      {
        file: 'indicators/2026.1.yaml',
        line: weightsLine,
        field: 'index.weights',
        message: 'les poids totalisent 105 : ils doivent totaliser 100',
      },
    ]);
  });

  it('reports every wrong field with its line, in French', () => {
    const text = [
      'version: "2026.1"',
      'index:',
      '  weights:',
      '    end_to_end: -5',
      '    digitalised: 25',
      '    themes_covered: 20',
      '    portal_quality: 15',
      '    speed: 3',
      '  decimals: 1',
      'portal:',
      '  points: { pass: 1, warn: 0.5, fail: "zéro" }',
      'distribution:',
      '  bin_width: 10',
      '  more_than: [50]',
      '  fewer_than: [10, 20]',
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.field])).toEqual(
      expect.arrayContaining([
        [4, 'index.weights.end_to_end'],
        [8, 'index.weights.speed'],
        [11, 'portal.points.fail'],
      ]),
    );
    expect(problems.find((p) => p.field === 'index.weights.speed')?.message).toBe('champ inconnu « speed »');
    expect(problems.find((p) => p.field === 'portal.points.fail')?.message).toBe(
      'nombre attendu, texte trouvé',
    );
  });

  it('refuses a version that differs from the file name, and YAML that does not parse', async () => {
    const shipped = await readFile(path.join(defaultMethodRoot(), '2026.1.yaml'), 'utf8');
    expect(problemsOf(shipped.replace('version: "2026.1"', 'version: "2026.2"'))).toEqual([
      expect.objectContaining({
        field: 'version',
        message: 'version « 2026.2 » différente du nom du fichier (« 2026.1 »)',
      }),
    ]);
    expect(problemsOf('index: [\n')[0]?.message).toMatch(/^syntaxe YAML invalide/);
  });

  it('says which versions exist when asked for a missing one', async () => {
    await expect(loadIndicatorMethod('1999.1')).rejects.toThrow(/disponibles : 2026\.1/);
  });
});
