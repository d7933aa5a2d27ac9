import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import { allQuestions } from './questionnaire.rules.ts';
import { listTemplates, loadTemplate, validateDefinition } from './templates.ts';

function refusal(work: () => unknown): UserError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a refusal');
}

describe('built-in questionnaires', () => {
  it('ships the two templates, each with an edition', () => {
    expect(listTemplates()).toEqual([
      { template: 'e-services', editions: ['2026'] },
      { template: 'maturite-numerique', editions: ['2026'] },
    ]);
  });

  it.each([
    ['maturite-numerique', ['radiogroup', 'rating', 'matrix', 'checkbox', 'ranking', 'number', 'comment']],
    ['e-services', ['radiogroup', 'checkbox', 'matrix', 'number', 'rating', 'comment']],
  ])('%s loads through survey-core with the question types the studies need', (template, types) => {
    const source = loadTemplate(template, '2026');
    const found = new Set(allQuestions(source.questionnaire).map((q) => q.type));
    for (const type of types) expect(found).toContain(type);
    expect(source.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('asks the maturity survey’s sectors, obstacles and open-source options', () => {
    const questions = allQuestions(loadTemplate('maturite-numerique', '2026').questionnaire);
    const byName = new Map(questions.map((q) => [q.name, q]));
    const satisfaction = byName.get('satisfaction');
    expect(satisfaction?.type === 'matrix' && satisfaction.rows.map((r) => r.value)).toContain('democratie');
    const maturity = byName.get('maturite');
    expect(maturity?.type === 'rating' && [maturity.min, maturity.max]).toEqual([0, 10]);
    expect(byName.get('raisons_libres')?.visibleIf).toContain('logiciels');
  });

  it('names an unknown template or edition with those available', () => {
    const error = refusal(() => loadTemplate('inconnu', '2026'));
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/maturite-numerique \(2026\)/);
  });
});

describe('questionnaire validation', () => {
  const page = (elements: unknown[]) => ({ title: 'T', pages: [{ name: 'p', title: 'P', elements }] });

  it('reports survey-core’s JSON errors (misspelt properties, unknown types)', () => {
    const error = refusal(() =>
      validateDefinition(page([{ type: 'text', name: 'a', title: 'A', isRequird: true }]), 'q.json'),
    );
    expect(error.problems.map((p) => p.message).join('\n')).toMatch(
      /survey-core : Unknown property.*isRequird/,
    );
  });

  it('refuses duplicate names, empty choices and types Baromètre cannot collect', () => {
    const error = refusal(() =>
      validateDefinition(
        page([
          { type: 'radiogroup', name: 'a', title: 'A', choices: ['x', 'y'] },
          { type: 'radiogroup', name: 'a', title: 'A bis', choices: ['x'] },
          { type: 'checkbox', name: 'b', title: 'B', choices: [] },
          { type: 'signaturepad', name: 'c', title: 'C' },
        ]),
        'q.json',
      ),
    );
    const messages = error.problems.map((p) => `${p.field} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/elements\.1 \(a\) nom de question déjà utilisé/),
        expect.stringMatching(/elements\.2 \(b\) liste de choix vide/),
        expect.stringMatching(/elements\.3 \(c\) type de question « signaturepad » non pris en charge/),
      ]),
    );
  });

  it('refuses a rating scale whose bounds are reversed', () => {
    const error = refusal(() =>
      validateDefinition(page([{ type: 'rating', name: 'n', title: 'N', rateMin: 5, rateMax: 1 }]), 'q.json'),
    );
    expect(error.problems[0]?.message).toMatch(/échelle invalide/);
  });
});
