import type { Command } from 'commander';
import { listErrata, publishEdition, recordErratum } from '../../editions/publication.service.ts';
import type { CliContext } from '../context.ts';
import { formatInteger } from '../format.ts';
import { parseYear } from '../parse-options.ts';
import {
  authorityLabel,
  type EditionOption,
  editionOf,
  parseLevel,
  reviewAndPrint,
  type TripleOptions,
  tripleOf,
  withEdition,
  withReviewer,
  withTriple,
} from './review-options.ts';

/** Publishing an edition (its assessments freeze) and the errata that correct it afterwards. */
export function registerPublicationCommands(program: Command, ctx: CliContext): void {
  const edition =
    program.commands.find((command) => command.name() === 'edition') ??
    program.command('edition').description('Éditions annuelles du baromètre');
  withReviewer(edition.command('publish'), 'la personne qui publie')
    .description(
      'Publie une édition : ses évaluations sont figées, toute correction passe ensuite par un erratum',
    )
    .requiredOption('--year <année>', 'année de l’édition', parseYear)
    .action(async (options: { year: number; reviewer: string }) => {
      const { db } = await ctx.database();
      const result = await publishEdition(db, { year: options.year, publisher: options.reviewer }, ctx.now());
      ctx.out.line(
        `Édition ${result.edition.year} publiée le ${result.edition.published_at?.slice(0, 10)} par ${options.reviewer} : ` +
          `${formatInteger(result.summary.assessments)} évaluation(s) figée(s).`,
      );
      for (const warning of result.warnings) ctx.out.line(`Attention : ${warning}`);
      ctx.out.line('Toute correction passe désormais par un erratum : barometre erratum create …');
    });

  const erratum = program.command('erratum').description('Errata des éditions publiées');
  withReviewer(withTriple(erratum.command('create')), 'l’auteur de l’erratum')
    .description('Corrige une évaluation d’une édition publiée ; l’erratum est publié avec elle')
    .requiredOption('--level <niveau>', 'niveau corrigé, de 0 à 4', parseLevel)
    .requiredOption('--reason <texte>', 'motif de l’erratum')
    .option('--url <adresse>', 'nouvelle preuve')
    .action(
      async (options: TripleOptions & { reviewer: string; level: number; reason: string; url?: string }) => {
        const { triple } = await tripleOf(ctx, (await ctx.database()).db, options);
        // Through the same follow-up as every review, which leaves a published edition's
        // indicators frozen: an erratum is published beside them.
        await reviewAndPrint(
          ctx,
          (db, afterChange) =>
            recordErratum(
              db,
              {
                ...triple,
                level: options.level,
                reason: options.reason,
                author: options.reviewer,
                evidenceUrl: options.url ?? null,
              },
              ctx.now(),
              afterChange,
            ),
          (outcome) => `Erratum n° ${outcome.erratum.id} enregistré`,
        );
      },
    );

  withEdition(erratum.command('list'))
    .description('Liste les errata d’une édition')
    .action(async (options: EditionOption) => {
      const { db } = await ctx.database();
      const edition = await editionOf(ctx, db, options);
      const errata = await listErrata(db, edition.id);
      ctx.out.line(`Errata — édition ${edition.year} : ${formatInteger(errata.length)}`);
      for (const item of errata) {
        const { erratum: e } = item;
        const before = e.level_before === null ? 'non évalué' : `niveau ${e.level_before}`;
        ctx.out.line(
          `  n° ${e.id}  ${e.created_at.slice(0, 10)}  ${authorityLabel(item)} — ${item.serviceName} : ${before} → niveau ${e.level_after}, par ${e.author}`,
        );
        ctx.out.line(`      « ${e.reason} »`);
      }
    });
}
