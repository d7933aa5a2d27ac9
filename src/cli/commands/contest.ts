import { type Command, Option } from 'commander';
import { createContest, decideContest, listContests } from '../../assessments/contests.service.ts';
import type { ContestStatus } from '../../db/schema.ts';
import { UserError } from '../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { formatInteger } from '../format.ts';
import { withIndicatorsFollowUp } from '../indicators-after-review.ts';
import { parsePositiveInteger } from '../parse-options.ts';
import {
  authorityLabel,
  type EditionOption,
  editionOf,
  parseLevel,
  withEdition,
  withReviewer,
} from './review-options.ts';

/** The authorities' right of reply: contests of an assessment and their decisions. */
export function registerContestCommands(program: Command, ctx: CliContext): void {
  const contest = program
    .command('contest')
    .description('Droit de réponse des collectivités : contestations');

  contest
    .command('create')
    .description('Enregistre la contestation d’une évaluation par une collectivité')
    .argument('<n°>', 'numéro de l’évaluation contestée (celle en vigueur)', parsePositiveInteger)
    .requiredOption('--justification <texte>', 'ce que la collectivité fait valoir')
    .requiredOption('--contact <texte>', 'comment joindre la personne qui conteste (non publié)')
    .option('--level <niveau>', 'niveau demandé par la collectivité', parseLevel)
    .action(async (id: number, options: { justification: string; contact: string; level?: number }) => {
      const { db } = await ctx.database();
      const created = await createContest(
        db,
        {
          assessmentId: id,
          justification: options.justification,
          contact: options.contact,
          requestedLevel: options.level ?? null,
        },
        ctx.now(),
      );
      ctx.out.line(`Contestation n° ${created.id} enregistrée sur l’évaluation n° ${id} (en cours).`);
    });

  withReviewer(contest.command('decide'), 'la personne qui décide')
    .description(
      'Accepte ou rejette une contestation ; acceptée, son niveau est retenu (par erratum si l’édition est publiée)',
    )
    .argument('<n°>', 'numéro de la contestation', parsePositiveInteger)
    .addOption(new Option('--accept', 'accepte la contestation').conflicts('reject'))
    .addOption(new Option('--reject', 'rejette la contestation'))
    .option('--level <niveau>', 'niveau retenu si la contestation est acceptée', parseLevel)
    .requiredOption('--decision <texte>', 'motif de la décision')
    .action(
      async (
        id: number,
        options: { accept?: boolean; reject?: boolean; level?: number; decision: string; reviewer: string },
      ) => {
        if (!options.accept && !options.reject) {
          throw new UserError('input_invalid', 'Précisez --accept (avec --level) ou --reject.');
        }
        const database = await ctx.database();
        await withIndicatorsFollowUp(ctx, database, async (afterChange) => {
          const outcome = await decideContest(
            database.db,
            {
              contestId: id,
              decision: options.accept ? 'accepted' : 'rejected',
              decisionText: options.decision,
              decider: options.reviewer,
              level: options.level ?? null,
            },
            ctx.now(),
            afterChange,
          );
          const how = {
            appended: `nouvelle évaluation n° ${outcome.contest.resulting_assessment_id}`,
            erratum: `erratum n° ${outcome.erratumId}, l’édition étant publiée`,
            unchanged: 'le niveau était déjà celui de l’évaluation en vigueur',
          };
          ctx.out.line(
            outcome.contest.status === 'accepted'
              ? `Contestation n° ${id} acceptée : niveau ${outcome.contest.decided_level} (${outcome.recordedAs ? how[outcome.recordedAs] : ''}).`
              : `Contestation n° ${id} rejetée.`,
          );
        });
      },
    );

  withEdition(contest.command('list'))
    .description('Liste les contestations d’une édition')
    .addOption(new Option('--status <état>', 'seulement cet état').choices(['open', 'accepted', 'rejected']))
    .action(async (options: EditionOption & { status?: ContestStatus }) => {
      const { db } = await ctx.database();
      const edition = await editionOf(ctx, db, options);
      const contests = await listContests(db, {
        editionId: edition.id,
        ...(options.status ? { status: options.status } : {}),
      });
      const statusLabel: Record<ContestStatus, string> = {
        open: 'en cours',
        accepted: 'acceptée',
        rejected: 'rejetée',
      };
      ctx.out.line(`Contestations — édition ${edition.year} : ${formatInteger(contests.length)}`);
      for (const item of contests) {
        const { contest: c } = item;
        ctx.out.line(
          `  n° ${c.id}  ${c.created_at.slice(0, 10)}  ${authorityLabel(item)} — ${item.serviceName} : ${statusLabel[c.status]}` +
            (c.requested_level === null ? '' : `, niveau demandé ${c.requested_level}`),
        );
        ctx.out.line(`      « ${c.justification} »`);
        if (c.decision)
          ctx.out.line(`      décision (${c.decider}, ${c.decided_at?.slice(0, 10)}) : « ${c.decision} »`);
      }
    });
}
