import type { Command } from 'commander';
import { reviewQueue } from '../../assessments/review.repository.ts';
import {
  addMissedService,
  attachEvidence,
  confirmAssessment,
  correctAssessment,
  reviewHistory,
} from '../../assessments/review.service.ts';
import type { AuthorityKind } from '../../db/schema.ts';
import { findAuthorityByCode } from '../../territories/authority-lookup.ts';
import type { CliContext } from '../context.ts';
import { formatInteger } from '../format.ts';
import { parseAuthorityKind, parsePositiveInteger } from '../parse-options.ts';
import { registerDoubleReviewCommands } from './double-review.ts';
import {
  authorityLabel,
  type EditionOption,
  editionOf,
  type LevelOptions,
  levelInput,
  levelLabel,
  parseConfidence,
  parseLevel,
  parseLevels,
  reviewAndPrint,
  type TripleOptions,
  tripleOf,
  twoDecimals,
  withEdition,
  withReviewer,
  withTriple,
} from './review-options.ts';

/**
 * The analysts' review of the crawler's proposals on the command line (docs/review-workflow.md):
 * review queue, confirm / correct / evidence / add, history; double review in double-review.ts.
 */
export function registerReviewCommands(program: Command, ctx: CliContext): void {
  const review = program.command('review').description('Revue des évaluations par les analystes');

  withEdition(review.command('queue'))
    .description('Liste les propositions du robot qu’aucun analyste n’a encore revues')
    .option('--theme <clé>', 'seulement cette thématique (ex. emploi-insertion)')
    .option('--authority <code>', 'seulement cette collectivité')
    .option('--kind <type>', 'type de collectivité quand le code est ambigu', parseAuthorityKind)
    .option(
      '--max-confidence <x>',
      'seulement les détections de confiance au plus x (0 à 1)',
      parseConfidence,
    )
    .option('--level <niveaux>', 'seulement ces niveaux, séparés par des virgules (ex. 0,1)', parseLevels)
    .option('--limit <n>', 'nombre de lignes affichées (par défaut 50)', parsePositiveInteger, 50)
    .action(
      async (
        options: EditionOption & {
          theme?: string;
          authority?: string;
          kind?: AuthorityKind;
          maxConfidence?: number;
          level?: number[];
          limit: number;
        },
      ) => {
        const { db } = await ctx.database();
        const edition = await editionOf(ctx, db, options);
        const authority = options.authority
          ? await findAuthorityByCode(db, options.authority, options.kind)
          : undefined;
        const { total, items } = await reviewQueue(db, {
          editionId: edition.id,
          ...(options.theme ? { themeKey: options.theme } : {}),
          ...(authority ? { authorityId: authority.id } : {}),
          ...(options.maxConfidence !== undefined ? { maxConfidence: options.maxConfidence } : {}),
          ...(options.level ? { levels: options.level } : {}),
          limit: options.limit,
        });
        ctx.out.line(
          `Propositions du robot à revoir — édition ${edition.year} : ${formatInteger(total)}` +
            (total > items.length ? ` (${formatInteger(items.length)} affichées, --limit pour plus)` : ''),
        );
        let current = '';
        for (const item of items) {
          const heading = authorityLabel(item);
          if (heading !== current) {
            current = heading;
            ctx.out.line(heading);
          }
          const confidence =
            item.confidence === null ? 'non trouvé' : `confiance ${twoDecimals.format(item.confidence)}`;
          ctx.out.line(
            `  n° ${item.assessmentId}  ${item.serviceName} (${item.themeName}) — niveau ${levelLabel(item.level)} — ${confidence}`,
          );
          if (item.evidenceUrl) ctx.out.line(`      preuve : ${item.evidenceUrl}`);
        }
        if (items.length > 0) {
          ctx.out.line(
            'Confirmer : barometre review confirm N° --reviewer VOUS@exemple.fr ; corriger : review correct N° --level N --comment …',
          );
        }
      },
    );

  withReviewer(review.command('confirm'))
    .description('Confirme une proposition du robot : même niveau, même preuve, revue par vous')
    .argument('<n°>', 'numéro de l’évaluation lue', parsePositiveInteger)
    .option('--comment <texte>', 'commentaire')
    .action(async (id: number, options: { reviewer: string; comment?: string }) => {
      await reviewAndPrint(
        ctx,
        (db, afterChange) => confirmAssessment(db, { assessmentId: id, ...options }, ctx.now(), afterChange),
        () => 'Confirmée',
      );
    });

  withReviewer(review.command('correct'))
    .description('Corrige le niveau d’une évaluation, avec un commentaire qui dit pourquoi')
    .argument('<n°>', 'numéro de l’évaluation lue', parsePositiveInteger)
    .requiredOption('--level <niveau>', 'niveau retenu, de 0 à 4', parseLevel)
    .requiredOption('--comment <texte>', 'justification de la correction')
    .action(async (id: number, options: { reviewer: string; level: number; comment: string }) => {
      await reviewAndPrint(
        ctx,
        (db, afterChange) => correctAssessment(db, { assessmentId: id, ...options }, ctx.now(), afterChange),
        () => 'Corrigée',
      );
    });

  withReviewer(review.command('evidence'))
    .description(
      'Ajoute une preuve (adresse et note) à une évaluation, ou remplace la preuve du robot ; le niveau est gardé',
    )
    .argument('<n°>', 'numéro de l’évaluation lue', parsePositiveInteger)
    .requiredOption('--url <adresse>', 'page qui montre le service')
    .requiredOption('--note <texte>', 'ce que montre la page')
    .option('--replace', 'remplace la preuve existante au lieu de s’y ajouter')
    .action(
      async (id: number, options: { reviewer: string; url: string; note: string; replace?: boolean }) => {
        await reviewAndPrint(
          ctx,
          (db, afterChange) => attachEvidence(db, { assessmentId: id, ...options }, ctx.now(), afterChange),
          () => (options.replace ? 'Preuve remplacée' : 'Preuve ajoutée'),
        );
      },
    );

  withReviewer(withTriple(review.command('add')))
    .description('Ajoute un service que le robot n’a pas évalué')
    .requiredOption('--level <niveau>', 'niveau constaté, de 0 à 4', parseLevel)
    .option('--url <adresse>', 'page qui montre le service (obligatoire au-dessus du niveau 0)')
    .option('--comment <texte>', 'commentaire')
    .action(async (options: LevelOptions) => {
      const input = await levelInput(ctx, (await ctx.database()).db, options);
      await reviewAndPrint(
        ctx,
        (db, afterChange) => addMissedService(db, input, ctx.now(), afterChange),
        () => 'Ajoutée',
      );
    });

  withTriple(review.command('history'))
    .description('Historique des évaluations d’un service : qui, quand, quoi, avant et après')
    .action(async (options: TripleOptions) => {
      const { db } = await ctx.database();
      const { edition, authority, service, triple } = await tripleOf(ctx, db, options);
      ctx.out.line(`${authority.name} — ${service.name} — édition ${edition.year}`);
      const history = await reviewHistory(db, triple);
      if (history.length === 0) ctx.out.line('  Aucune évaluation.');
      for (const { assessment, event } of history) {
        const who = event
          ? `${event.action} par ${event.actor}`
          : `${assessment.source}${assessment.reviewer ? ` (${assessment.reviewer})` : ''}`;
        ctx.out.line(
          `  n° ${assessment.id}  ${assessment.created_at.slice(0, 16).replace('T', ' ')}  niveau ${levelLabel(assessment.level)}  ${who}`,
        );
        if (assessment.comment) ctx.out.line(`      « ${assessment.comment} »`);
      }
    });

  registerDoubleReviewCommands(review, ctx);
}
