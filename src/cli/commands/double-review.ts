import type { Command } from 'commander';
import { blindReviewCandidates } from '../../assessments/review.repository.ts';
import {
  arbitrate,
  blindReviewTask,
  editionAgreement,
  listDisagreements,
  submitBlindReview,
} from '../../assessments/review.service.ts';
import { formatInterval } from '../../indicators/statistics/reading.ts';
import type { CliContext } from '../context.ts';
import { formatInteger, table } from '../format.ts';
import { parsePositiveInteger } from '../parse-options.ts';
import {
  authorityLabel,
  type EditionOption,
  editionOf,
  type LevelOptions,
  levelInput,
  levelLabel,
  parseLevel,
  percent,
  reviewAndPrint,
  type TripleOptions,
  tripleOf,
  twoDecimals,
  withEdition,
  withReviewer,
  withTriple,
} from './review-options.ts';

/**
 * Double review on the command line: a second analyst assesses blind, agreement is reported as
 * Cohen's kappa and disagreements go to arbitration (docs/review-workflow.md).
 */
export function registerDoubleReviewCommands(review: Command, ctx: CliContext): void {
  registerBlindCommands(review, ctx);

  withEdition(review.command('agreement'))
    .description('Accord entre premières revues et revues à l’aveugle (kappa de Cohen non pondéré)')
    .action(async (options: EditionOption) => {
      const { db } = await ctx.database();
      const edition = await editionOf(ctx, db, options);
      const agreement = await editionAgreement(db, edition.id);
      ctx.out.line(`Double revue — édition ${edition.year}`);
      if (agreement.pairs === 0) {
        ctx.out.line('  Aucune revue à l’aveugle pour l’instant : barometre review blind queue --reviewer …');
        return;
      }
      const ratio = (value: number | null) => (value === null ? '—' : percent.format(value));
      for (const line of table([
        ['services revus deux fois', formatInteger(agreement.pairs)],
        ['même niveau', formatInteger(agreement.agreements)],
        ['accord observé', ratio(agreement.observed)],
        ['accord attendu par hasard', ratio(agreement.expected)],
        [
          'kappa de Cohen (non pondéré)',
          agreement.kappa === null ? 'non calculable' : twoDecimals.format(agreement.kappa),
        ],
        [
          'intervalle de confiance à 95 %',
          agreement.statistics.status === 'ok'
            ? formatInterval(agreement.statistics.ci95).replace(/^IC 95\u00a0% /, '')
            : '—',
        ],
        ['désaccords', formatInteger(agreement.disagreements)],
        ['dont arbitrés', formatInteger(agreement.arbitrated)],
      ])) {
        ctx.out.line(line);
      }
      if (agreement.statistics.status !== 'ok') ctx.out.line(`  ${agreement.statistics.message}.`);
      ctx.out.line('Niveaux : première revue en ligne, revue à l’aveugle en colonne');
      ctx.out.line(`       ${[0, 1, 2, 3, 4].map((l) => String(l).padStart(5)).join('')}`);
      agreement.matrix.forEach((row, level) => {
        ctx.out.line(`    ${level}  ${row.map((count) => String(count).padStart(5)).join('')}`);
      });
    });

  withEdition(review.command('disagreements'))
    .description('Liste les désaccords entre première revue et revue à l’aveugle')
    .option('--all', 'y compris les désaccords déjà arbitrés')
    .action(async (options: EditionOption & { all?: boolean }) => {
      const { db } = await ctx.database();
      const edition = await editionOf(ctx, db, options);
      const rows = await listDisagreements(db, { editionId: edition.id, pendingOnly: !options.all });
      ctx.out.line(
        `Désaccords ${options.all ? '' : 'à arbitrer '}— édition ${edition.year} : ${formatInteger(rows.length)}`,
      );
      for (const row of rows) {
        ctx.out.line(`  n° ${row.blindReviewId}  ${authorityLabel(row)} — ${row.serviceName}`);
        ctx.out.line(
          `      première revue : niveau ${levelLabel(row.firstLevel)} par ${row.firstReviewer ?? '?'}${row.firstComment ? ` — « ${row.firstComment} »` : ''}`,
        );
        ctx.out.line(
          `      à l’aveugle   : niveau ${levelLabel(row.blindLevel)} par ${row.blindReviewer}${row.blindComment ? ` — « ${row.blindComment} »` : ''}`,
        );
        if (row.arbitrationId !== null && row.arbitratedLevel !== null) {
          ctx.out.line(`      arbitrage     : niveau ${levelLabel(row.arbitratedLevel)} par ${row.arbiter}`);
        }
      }
      if (rows.some((row) => row.arbitrationId === null)) {
        ctx.out.line(
          'Arbitrer : barometre review arbitrate N° --level N --comment … --reviewer ARBITRE@exemple.fr',
        );
      }
    });

  withReviewer(review.command('arbitrate'), 'l’arbitre (ni l’un ni l’autre des deux analystes)')
    .description('Tranche un désaccord de double revue : votre niveau devient l’évaluation en vigueur')
    .argument('<n°>', 'numéro de la revue à l’aveugle (barometre review disagreements)', parsePositiveInteger)
    .requiredOption('--level <niveau>', 'niveau retenu, de 0 à 4', parseLevel)
    .requiredOption('--comment <texte>', 'motif de l’arbitrage')
    .action(async (id: number, options: { reviewer: string; level: number; comment: string }) => {
      await reviewAndPrint(
        ctx,
        (db, afterChange) =>
          arbitrate(
            db,
            { blindReviewId: id, arbiter: options.reviewer, level: options.level, comment: options.comment },
            ctx.now(),
            afterChange,
          ),
        () => 'Arbitrée',
      );
    });
}

function registerBlindCommands(review: Command, ctx: CliContext): void {
  const blind = review
    .command('blind')
    .description('Double revue à l’aveugle : un second analyste évalue sans voir le niveau du premier');

  withReviewer(withEdition(blind.command('queue')), 'le second analyste')
    .description('Services qu’un autre analyste a revus et qui attendent une double revue')
    .option('--limit <n>', 'nombre de lignes affichées (par défaut 20)', parsePositiveInteger, 20)
    .action(async (options: EditionOption & { reviewer: string; limit: number }) => {
      const { db } = await ctx.database();
      const edition = await editionOf(ctx, db, options);
      const candidates = await blindReviewCandidates(db, {
        editionId: edition.id,
        reviewer: options.reviewer,
        limit: options.limit,
      });
      ctx.out.line(
        `À revoir à l’aveugle — édition ${edition.year} : ${formatInteger(candidates.length)} affiché(s)`,
      );
      for (const c of candidates) {
        ctx.out.line(
          `  ${authorityLabel(c)} — ${c.serviceName} : --authority ${c.authorityCode} --kind ${c.authorityKind} --service ${c.serviceKey}`,
        );
      }
    });

  withReviewer(withTriple(blind.command('show')), 'le second analyste')
    .description('Montre ce que le robot a proposé pour un service, sans le niveau du premier analyste')
    .action(async (options: TripleOptions & { reviewer: string }) => {
      const { db } = await ctx.database();
      const { edition, triple } = await tripleOf(ctx, db, options);
      const task = await blindReviewTask(db, { ...triple, reviewer: options.reviewer });
      ctx.out.line(`${authorityLabel(task.labels)} — ${task.labels.serviceName} — édition ${edition.year}`);
      if (!task.proposal) {
        ctx.out.line(
          '  Le robot n’a rien proposé : un analyste a ajouté ce service. Évaluez-le sur le site.',
        );
        return;
      }
      const { proposal } = task;
      const confidence =
        proposal.confidence === null ? 'non trouvé' : `confiance ${twoDecimals.format(proposal.confidence)}`;
      ctx.out.line(`  Proposition du robot : niveau ${levelLabel(proposal.level)} — ${confidence}`);
      const pages = Array.isArray(proposal.evidence.pages)
        ? (proposal.evidence.pages as { url?: string }[])
        : [];
      for (const page of pages.slice(0, 5)) if (page.url) ctx.out.line(`      page : ${page.url}`);
      ctx.out.line('Enregistrer votre niveau : barometre review blind submit … --level N');
    });

  withReviewer(withTriple(blind.command('submit')), 'le second analyste')
    .description('Enregistre votre niveau à l’aveugle ; il ne remplace pas l’évaluation en vigueur')
    .requiredOption('--level <niveau>', 'niveau constaté, de 0 à 4', parseLevel)
    .option('--url <adresse>', 'page qui montre le service')
    .option('--comment <texte>', 'commentaire')
    .action(async (options: LevelOptions) => {
      const { db } = await ctx.database();
      const blindReview = await submitBlindReview(db, await levelInput(ctx, db, options), ctx.now());
      ctx.out.line(
        `Revue à l’aveugle n° ${blindReview.id} enregistrée (niveau ${levelLabel(blindReview.level)}).`,
      );
    });
}
