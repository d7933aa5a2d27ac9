import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewWorld, type ReviewWorld } from '../../../test/support/review-world.ts';
import type { CliContext } from '../context.ts';
import { describeFailure, EXIT } from '../errors.ts';
import { registerEditionCommands } from './edition.ts';
import { registerReviewCommands } from './review.ts';

/**
 * The review commands through commander, on a test database. Built here rather than through
 * runCli until program.ts registers them; the failure handling is the same (describeFailure).
 */
async function run(
  world: ReviewWorld,
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = {
    database: async () => world.database,
    now: () => new Date('2026-11-21T12:00:00Z'),
    out: { line: (text = '') => out.push(text) },
    err: { write: (text: string) => err.push(text) },
    setExitCode: () => {},
  } as unknown as CliContext;
  const program = new Command('barometre').configureOutput({
    writeOut: (text) => out.push(text.trimEnd()),
    writeErr: (text) => err.push(text),
  });
  registerEditionCommands(program, ctx);
  registerReviewCommands(program, ctx);
  const configure = (command: Command) => {
    command.exitOverride();
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const failure = describeFailure(error);
    err.push(...failure.lines);
    code = failure.exitCode;
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('barometre review, edition publish, erratum and contest', () => {
  let world: ReviewWorld;
  let rsaId: number;
  let apaId: number;
  const where = ['--edition', '2026', '--authority', 'T1', '--kind', 'departement'];

  beforeAll(async () => {
    world = await createReviewWorld('sqlite');
    const editionId = await world.edition(2026);
    const authorityId = await world.authority();
    rsaId = (await world.propose({ editionId, authorityId, service: 'rsa', level: 2, confidence: 0.5 })).id;
    apaId = (await world.propose({ editionId, authorityId, service: 'apa', level: 3, confidence: 0.9 })).id;
  });
  afterAll(async () => world.database.close());

  it('walks the workflow from the review queue to an erratum', async () => {
    const queue = await run(world, ['review', 'queue', '--edition', '2026', '--max-confidence', '0,6']);
    expect(queue.code).toBe(EXIT.ok);
    expect(queue.stdout).toContain('Propositions du robot à revoir — édition 2026 : 1');
    expect(queue.stdout).toContain(
      `n° ${rsaId}  Revenu de solidarité active (Emploi et insertion) — niveau 2`,
    );
    expect(queue.stdout).not.toContain(`n° ${apaId}`);

    const confirm = await run(world, ['review', 'confirm', String(rsaId), '--reviewer', 'anne@example.fr']);
    expect(confirm.stdout).toMatch(/^Confirmée : évaluation n° \d+, niveau 2 \(Démarche partielle\)/);

    const noComment = await run(world, [
      'review',
      'correct',
      String(apaId),
      '--level',
      '4',
      '--reviewer',
      'anne@example.fr',
    ]);
    expect(noComment.code).toBe(EXIT.usage);
    const badReviewer = await run(world, ['review', 'confirm', String(apaId), '--reviewer', 'anne']);
    expect(badReviewer.code).toBe(EXIT.usage);
    expect(badReviewer.stderr).toContain('n’est pas une adresse électronique');

    const show = await run(world, [
      'review',
      'blind',
      'show',
      ...where,
      '--service',
      'rsa',
      '--reviewer',
      'bruno@example.fr',
    ]);
    expect(show.code).toBe(EXIT.ok);
    expect(show.stdout).toContain('Proposition du robot : niveau 2');
    expect(show.stdout).not.toContain('anne@');
    const submit = await run(world, [
      'review',
      'blind',
      'submit',
      ...where,
      '--service',
      'rsa',
      '--level',
      '3',
      '--reviewer',
      'bruno@example.fr',
    ]);
    expect(submit.stdout).toMatch(/Revue à l’aveugle n° (\d+) enregistrée/);
    const blindId = /n° (\d+)/.exec(submit.stdout)?.[1] ?? '';

    const agreement = await run(world, ['review', 'agreement', '--edition', '2026']);
    // One pair is too few for a kappa (the statistics module needs two): said, with the reason.
    expect(agreement.stdout).toMatch(/kappa de Cohen \(non pondéré\)\s+non calculable/);
    expect(agreement.stdout).toContain(
      'Non calculable : trop peu d’observations (1 élément(s) noté(s) par les deux)',
    );
    expect(agreement.stdout).toMatch(/désaccords\s+1/);

    const disagreements = await run(world, ['review', 'disagreements', '--edition', '2026']);
    expect(disagreements.stdout).toContain(`n° ${blindId}`);
    const arbitration = await run(world, [
      'review',
      'arbitrate',
      blindId,
      '--level',
      '3',
      '--comment',
      'Dépôt en ligne',
      '--reviewer',
      'claire@example.fr',
    ]);
    expect(arbitration.stdout).toContain('Arbitrée');

    const publish = await run(world, [
      'edition',
      'publish',
      '--year',
      '2026',
      '--reviewer',
      'direction@example.fr',
    ]);
    expect(publish.code).toBe(EXIT.ok);
    expect(publish.stdout).toContain(
      'Édition 2026 publiée le 2026-11-21 par direction@example.fr : 2 évaluation(s) figée(s).',
    );
    expect(publish.stdout).toContain(
      'Attention : 1 évaluation(s) publiée(s) telles que proposées par le robot',
    );

    const frozen = await run(world, ['review', 'confirm', String(apaId), '--reviewer', 'anne@example.fr']);
    expect(frozen.code).toBe(EXIT.conflict);
    expect(frozen.stderr).toContain('Erreur : L’édition 2026 est publiée : ses évaluations sont figées.');

    const erratum = await run(world, [
      'erratum',
      'create',
      ...where,
      '--service',
      'apa',
      '--level',
      '2',
      '--reason',
      'Formulaire à imprimer',
      '--reviewer',
      'anne@example.fr',
    ]);
    expect(erratum.code).toBe(EXIT.ok);
    expect(erratum.stdout).toMatch(/^Erratum n° \d+ enregistré : évaluation n° (\d+), niveau 2/);
    const erratumAssessment = /évaluation n° (\d+)/.exec(erratum.stdout)?.[1] ?? '';
    const errata = await run(world, ['erratum', 'list', '--edition', '2026']);
    expect(errata.stdout).toContain('niveau 3 → niveau 2, par anne@example.fr');

    const contest = await run(world, [
      'contest',
      'create',
      erratumAssessment,
      '--justification',
      'Le dépôt se fait en ligne',
      '--contact',
      'dgs@t1.fr',
      '--level',
      '3',
    ]);
    expect(contest.stdout).toMatch(/Contestation n° (\d+) enregistrée/);
    const contestId = /n° (\d+)/.exec(contest.stdout)?.[1] ?? '';
    const neither = await run(world, [
      'contest',
      'decide',
      contestId,
      '--decision',
      'x',
      '--reviewer',
      'claire@example.fr',
    ]);
    expect(neither.code).toBe(EXIT.inputInvalid);
    const decide = await run(world, [
      'contest',
      'decide',
      contestId,
      '--accept',
      '--level',
      '3',
      '--decision',
      'Vérifié',
      '--reviewer',
      'claire@example.fr',
    ]);
    expect(decide.stdout).toMatch(
      /Contestation n° \d+ acceptée : niveau 3 \(erratum n° \d+, l’édition étant publiée\)/,
    );
    const contests = await run(world, ['contest', 'list', '--edition', '2026']);
    expect(contests.stdout).toContain('acceptée, niveau demandé 3');

    const history = await run(world, ['review', 'history', ...where, '--service', 'apa']);
    expect(history.stdout).toContain('erratum par claire@example.fr');
  });

  it('explains every review command in French', async () => {
    const help = await run(world, ['review', '--help']);
    expect(help.stdout).toContain('Revue des évaluations par les analystes');
    for (const command of [
      'queue',
      'confirm',
      'correct',
      'evidence',
      'add',
      'blind',
      'agreement',
      'arbitrate',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });
});
