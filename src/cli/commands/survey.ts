import { type Command, InvalidArgumentError } from 'commander';
import type { AuthorityKind, SurveyProfile } from '../../db/schema.ts';
import { UserError } from '../../shared/errors.ts';
import { parseProfile } from '../../surveys/campaign.rules.ts';
import { listCampaigns } from '../../surveys/campaigns.repository.ts';
import { createCampaign, sendMails } from '../../surveys/campaigns.service.ts';
import { importRecipients } from '../../surveys/recipients-import.ts';
import { listTemplates } from '../../surveys/templates.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../errors.ts';
import { formatInteger, table } from '../format.ts';
import { parseAuthorityKind } from '../parse-options.ts';
import { settleQueuedJobs } from '../queued-jobs.ts';
import { registerSurveyResultsCommands } from './survey-results.ts';

/**
 * Surveys on the command line (docs/surveys.md): a campaign on a questionnaire template, its
 * recipients, invitations and reminders by e-mail, response rates and results.
 */

/** Who the audit log names for a change made on the command line without --by. */
const CLI_ACTOR = 'ligne de commande';

function parseDate(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59+01:00` : value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('date attendue, par exemple 2026-12-31.');
  return date;
}

function parseProfileOption(value: string): SurveyProfile {
  const profile = parseProfile(value);
  if (!profile) throw new InvalidArgumentError('profil attendu parmi : agent, élu, collectivité.');
  return profile;
}

function publicUrl(ctx: CliContext): string {
  if (!ctx.config.publicUrl)
    throw new UserError(
      'config_invalid',
      'BAROMETRE_PUBLIC_URL doit être défini pour écrire les liens des courriels.',
    );
  return ctx.config.publicUrl;
}

export function registerSurveyCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command('survey')
    .description(
      'Enquêtes auprès des collectivités, agents et élus : questionnaires, invitations, collecte, résultats',
    );

  group
    .command('templates')
    .description('Questionnaires disponibles (data/surveys/) et leurs éditions')
    .action(() => {
      for (const { template, editions } of listTemplates())
        ctx.out.line(`${template} : ${editions.join(', ')}`);
    });

  group
    .command('create')
    .description('Crée une enquête sur une édition d’un questionnaire (validé avec survey-core)')
    .argument('<identifiant>', 'identifiant de l’enquête, dans son adresse : maturite-2026')
    .requiredOption('--template <modèle>', 'questionnaire : maturite-numerique, e-services')
    .requiredOption('--edition <édition>', 'édition du questionnaire, par exemple 2026')
    .requiredOption('--closes <date>', 'date de clôture : les liens ne fonctionnent plus après', parseDate)
    .option('--title <titre>', 'titre (par défaut celui du questionnaire et son édition)')
    .requiredOption('--by <courriel>', 'adresse de la personne qui crée l’enquête')
    .action(
      async (
        slug: string,
        options: { template: string; edition: string; closes: Date; title?: string; by: string },
      ) => {
        const { db } = await ctx.database();
        const campaign = await createCampaign(
          db,
          {
            slug,
            template: options.template,
            edition: options.edition,
            closesAt: options.closes,
            by: options.by,
            ...(options.title ? { title: options.title } : {}),
          },
          ctx.now(),
        );
        const questions = campaign.questionnaire.pages.reduce((n, page) => n + page.questions.length, 0);
        ctx.out.line(`Enquête « ${campaign.title} » créée : ${campaign.slug}.`);
        ctx.out.line(
          `  Questionnaire ${campaign.template}/${campaign.edition} : ${campaign.questionnaire.pages.length} pages, ${questions} questions ; clôture le ${campaign.closes_at.slice(0, 10)}.`,
        );
      },
    );

  group
    .command('list')
    .description('Liste les enquêtes')
    .action(async () => {
      const { db } = await ctx.database();
      const campaigns = await listCampaigns(db);
      if (campaigns.length === 0) ctx.out.line('Aucune enquête.');
      for (const c of campaigns)
        ctx.out.line(`${c.slug} — ${c.title} (clôture le ${c.closes_at.slice(0, 10)})`);
    });

  group
    .command('import-recipients')
    .description(
      'Importe les destinataires d’une enquête (CSV : code de la collectivité, courriel, profil). Tout ou rien.',
    )
    .argument('<identifiant>', 'identifiant de l’enquête')
    .argument('<fichier>', 'fichier CSV (séparateur ; ou , — UTF-8 ou Latin-1)')
    .option(
      '--profile <profil>',
      'profil de tous les destinataires quand le fichier ne le dit pas',
      parseProfileOption,
    )
    .option('--kind <type>', 'type des collectivités quand le fichier ne le dit pas', parseAuthorityKind)
    .option('--by <courriel>', 'adresse de la personne qui importe (journal des modifications)', CLI_ACTOR)
    .action(
      async (
        slug: string,
        file: string,
        options: { profile?: SurveyProfile; kind?: AuthorityKind; by: string },
      ) => {
        const { db } = await ctx.database();
        const report = await importRecipients(db, slug, file, {
          now: ctx.now(),
          actor: options.by,
          ...(options.profile ? { profile: options.profile } : {}),
          ...(options.kind ? { kind: options.kind } : {}),
        });
        ctx.out.line(`Destinataires importés depuis ${report.file} :`);
        for (const line of table([
          ['lignes valides', formatInteger(report.rows)],
          ['ajoutés', formatInteger(report.added)],
          ['déjà présents (ignorés)', formatInteger(report.alreadyPresent)],
        ]))
          ctx.out.line(line);
      },
    );

  for (const [name, mode, description] of [
    [
      'send',
      'invitations',
      'Envoie l’invitation et son lien personnel à chaque destinataire pas encore invité',
    ],
    ['remind', 'reminders', 'Relance, avec un nouveau lien, les destinataires invités qui n’ont pas répondu'],
  ] as const) {
    group
      .command(name)
      .description(`${description} (courriels déposés dans le dossier outbox)`)
      .argument('<identifiant>', 'identifiant de l’enquête')
      .option('--by <courriel>', 'adresse de la personne qui envoie (journal des modifications)', CLI_ACTOR)
      .action(async (slug: string, options: { by: string }) => {
        const base = publicUrl(ctx);
        const { db } = await ctx.database();
        const jobs = await ctx.openJobs({ concurrency: 1, detectionWorkers: 0 });
        try {
          const report = await sendMails(db, slug, mode, {
            enqueue: (kind, payloads) => jobs.queue.enqueueMany(kind, payloads),
            actor: options.by,
            publicUrl: base,
            now: ctx.now(),
          });
          const what = mode === 'invitations' ? 'invitation(s)' : 'relance(s)';
          const outcome = report.queued > 0 ? await settleQueuedJobs(jobs, 'mail-batch') : 'done';
          const done = {
            done: 'envoyée(s)',
            queued: 'mise(s) en file d’envoi (barometre worker)',
            failed: 'dont l’envoi a échoué (barometre jobs status)',
          }[outcome];
          ctx.out.line(
            `${formatInteger(report.queued)} ${what} ${done} ; ${formatInteger(report.skipped)} destinataire(s) non concerné(s).`,
          );
          if (outcome === 'failed') ctx.setExitCode(EXIT.unexpected);
        } finally {
          await jobs.close();
        }
      });
  }

  registerSurveyResultsCommands(group, ctx);
}
