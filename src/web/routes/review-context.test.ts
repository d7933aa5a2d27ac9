import { describe, expect, it } from 'vitest';
import { withoutCommandHints } from './review-context.ts';

describe('review refusals shown in a form', () => {
  it('drops the command-line hints the review services add for the CLI', () => {
    expect(
      withoutCommandHints(
        'L’évaluation n° 3 est déjà au niveau 2 : confirmez-la plutôt (barometre review confirm).',
      ),
    ).toBe('L’évaluation n° 3 est déjà au niveau 2 : confirmez-la plutôt.');
    expect(withoutCommandHints('Un arbitrage doit être motivé : ajoutez --comment.')).toBe(
      'Un arbitrage doit être motivé.',
    );
    expect(
      withoutCommandHints(
        'Le code « 84 » désigne une région et un département : précisez le type avec --kind.',
      ),
    ).toBe('Le code « 84 » désigne une région et un département : précisez le type avec la catégorie.');
    expect(withoutCommandHints('Ce désaccord a déjà été arbitré.')).toBe('Ce désaccord a déjà été arbitré.');
  });
});
