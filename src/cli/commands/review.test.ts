import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, temporaryDataDir } from '../../../test/support/cli.ts';
import { createReviewWorld, type ReviewWorld } from '../../../test/support/review-world.ts';
import { EXIT } from '../errors.ts';

/** The review commands through the CLI's composition root, on the review world's database. */
const dataDir = temporaryDataDir();
function run(world: ReviewWorld, argv: string[]) {
  return runCliCaptured(argv, { dataDir, database: world.database });
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

  it('brings a computed draft edition’s indicators up to date after a correction, in the same command', async () => {
    const editionId = await world.edition(2027);
    const authorityId = await world.authority();
    const proposal = await world.propose({
      editionId,
      authorityId,
      service: 'rsa',
      level: 4,
      confidence: 0.9,
    });
    const stored = async () =>
      world.db
        .selectFrom('authority_indicators')
        .select('index_score')
        .where('edition_id', '=', editionId)
        .where('authority_id', '=', authorityId)
        .executeTakeFirstOrThrow();
    // Before the first computation, a review has nothing to catch up.
    const early = await run(world, [
      'review',
      'confirm',
      String(proposal.id),
      '--reviewer',
      'anne@example.fr',
    ]);
    expect(early.stdout).not.toContain('Indicateurs');
    expect((await run(world, ['indicators', 'compute', '--edition', '2027'])).code).toBe(EXIT.ok);
    const before = await stored();
    const current = await world.db
      .selectFrom('assessments')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('edition_id', '=', editionId)
      .where('authority_id', '=', authorityId)
      .executeTakeFirstOrThrow();
    const corrected = await run(world, [
      'review',
      'correct',
      String(current.id),
      '--level',
      '0',
      '--comment',
      'démarche retirée',
      '--reviewer',
      'anne@example.fr',
    ]);
    expect(corrected.code, corrected.stderr).toBe(EXIT.ok);
    expect(corrected.stdout).toContain('Indicateurs de l’édition recalculés.');
    expect((await stored()).index_score).toBeLessThan(before.index_score ?? 0);
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
