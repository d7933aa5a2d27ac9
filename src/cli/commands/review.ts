import { type Command, InvalidArgumentError, Option } from 'commander';
import { createContest, decideContest, listContests } from '../../assessments/contests.service.ts';
import {
  blindReviewCandidates,
  findServiceByKey,
  reviewQueue,
  type TripleLabels,
} from '../../assessments/review.repository.ts';
import { isRefusal, reviewerOrRefusal } from '../../assessments/review.rules.ts';
import {
  addMissedService,
  arbitrate,
  attachEvidence,
  blindReviewTask,
  confirmAssessment,
  correctAssessment,
  editionAgreement,
  listDisagreements,
  type ReviewOutcome,
  reviewHistory,
  submitBlindReview,
} from '../../assessments/review.service.ts';
import type { AuthorityKind, ContestStatus, EditionRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { requireEdition } from '../../editions/editions.service.ts';
import { listErrata, publishEdition, recordErratum } from '../../editions/publication.service.ts';
import { formatInterval } from '../../indicators/statistics/reading.ts';
import { DIGITALISATION_LEVELS, isDigitalisationLevel } from '../../referential/levels.ts';
import { UserError } from '../../shared/errors.ts';
import { authorityKindName, findAuthorityByCode } from '../../territories/authority-lookup.ts';
import type { CliContext } from '../context.ts';
import { formatInteger, table } from '../format.ts';
import { parseAuthorityKind, parsePositiveInteger, parseYear } from '../parse-options.ts';

/**
 * The analysts' review workflow on the command line (docs/review-workflow.md): review queue,
 * confirm / correct / evidence / add, blind double review and arbitration, publication,
 * errata and the authorities' right of reply. Who acts is given by --reviewer until accounts
 * exist.
 */

function parseLevel(value: string): number {
  const level = Number(value);
  if (!isDigitalisationLevel(level)) throw new InvalidArgumentError('niveau attendu de 0 à 4.');
  return level;
}

function parseLevels(value: string): number[] {
  return value.split(',').map((part) => parseLevel(part.trim()));
}

function parseConfidence(value: string): number {
  const confidence = Number(value.replace(',', '.'));
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    throw new InvalidArgumentError('confiance attendue entre 0 et 1, par exemple 0,6.');
  }
  return confidence;
}

function parseReviewer(value: string): string {
  const reviewer = reviewerOrRefusal(value);
  if (isRefusal(reviewer)) throw new InvalidArgumentError(reviewer.message);
  return reviewer;
}

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function levelLabel(level: number): string {
  return isDigitalisationLevel(level) ? `${level} (${DIGITALISATION_LEVELS[level].label})` : String(level);
}

function authorityLabel(
  labels: Pick<TripleLabels, 'authorityName' | 'authorityKind' | 'authorityCode'>,
): string {
  return `${labels.authorityName} (${authorityKindName(labels.authorityKind)} ${labels.authorityCode})`;
}

interface EditionOption {
  edition?: number;
}

interface TripleOptions extends EditionOption {
  authority: string;
  kind?: AuthorityKind;
  service: string;
}

async function editionOf(ctx: CliContext, db: Executor, options: EditionOption): Promise<EditionRow> {
  return requireEdition(db, options.edition ?? ctx.now().getUTCFullYear());
}

/** The (edition, authority, service) named by --edition, --authority, --kind and --service. */
async function tripleOf(ctx: CliContext, db: Executor, options: TripleOptions) {
  const edition = await editionOf(ctx, db, options);
  const authority = await findAuthorityByCode(db, options.authority, options.kind);
  const service = await findServiceByKey(db, edition.referential_version, options.service);
  if (!service) {
    throw new UserError(
      'not_found',
      `Le service « ${options.service} » n’existe pas dans le référentiel ${edition.referential_version}.`,
    );
  }
  return {
    edition,
    authority,
    service,
    triple: { editionId: edition.id, authorityId: authority.id, serviceId: service.id },
  };
}

type LevelOptions = TripleOptions & { reviewer: string; level: number; url?: string; comment?: string };

/** A level stated by an analyst on the command line, with its evidence URL and comment. */
async function levelInput(ctx: CliContext, db: Executor, options: LevelOptions) {
  const { triple } = await tripleOf(ctx, db, options);
  return {
    ...triple,
    reviewer: options.reviewer,
    level: options.level,
    evidenceUrl: options.url ?? null,
    comment: options.comment ?? null,
  };
}

const withEdition = (command: Command) =>
  command.option('--edition <année>', 'édition (par défaut : l’année en cours)', parseYear);
const withTriple = (command: Command) =>
  withEdition(command)
    .requiredOption('--authority <code>', 'code INSEE, SIREN ou code de collectivité unique')
    .option('--kind <type>', 'type de collectivité quand le code est ambigu', parseAuthorityKind)
    .requiredOption('--service <clé>', 'clé du service dans le référentiel (ex. rsa)');
const withReviewer = (command: Command, role = 'l’analyste') =>
  command.requiredOption('--reviewer <courriel>', `adresse électronique de ${role}`, parseReviewer);

function printOutcome(ctx: CliContext, verb: string, outcome: ReviewOutcome): void {
  const { assessment, event } = outcome;
  const before =
    event.level_before === null || event.level_before === event.level_after
      ? ''
      : ` (avant : niveau ${event.level_before})`;
  ctx.out.line(
    `${verb} : évaluation n° ${assessment.id}, niveau ${levelLabel(assessment.level)}${before}, par ${event.actor}.`,
  );
}

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
      const { db } = await ctx.database();
      const outcome = await confirmAssessment(db, { assessmentId: id, ...options }, ctx.now());
      printOutcome(ctx, 'Confirmée', outcome);
    });

  withReviewer(review.command('correct'))
    .description('Corrige le niveau d’une évaluation, avec un commentaire qui dit pourquoi')
    .argument('<n°>', 'numéro de l’évaluation lue', parsePositiveInteger)
    .requiredOption('--level <niveau>', 'niveau retenu, de 0 à 4', parseLevel)
    .requiredOption('--comment <texte>', 'justification de la correction')
    .action(async (id: number, options: { reviewer: string; level: number; comment: string }) => {
      const { db } = await ctx.database();
      printOutcome(ctx, 'Corrigée', await correctAssessment(db, { assessmentId: id, ...options }, ctx.now()));
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
        const { db } = await ctx.database();
        const outcome = await attachEvidence(db, { assessmentId: id, ...options }, ctx.now());
        printOutcome(ctx, options.replace ? 'Preuve remplacée' : 'Preuve ajoutée', outcome);
      },
    );

  withReviewer(withTriple(review.command('add')))
    .description('Ajoute un service que le robot n’a pas évalué')
    .requiredOption('--level <niveau>', 'niveau constaté, de 0 à 4', parseLevel)
    .option('--url <adresse>', 'page qui montre le service (obligatoire au-dessus du niveau 0)')
    .option('--comment <texte>', 'commentaire')
    .action(async (options: LevelOptions) => {
      const { db } = await ctx.database();
      const outcome = await addMissedService(db, await levelInput(ctx, db, options), ctx.now());
      printOutcome(ctx, 'Ajoutée', outcome);
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
      const { db } = await ctx.database();
      const outcome = await arbitrate(
        db,
        { blindReviewId: id, arbiter: options.reviewer, level: options.level, comment: options.comment },
        ctx.now(),
      );
      printOutcome(ctx, 'Arbitrée', outcome);
    });

  registerPublicationCommands(program, ctx);
  registerContestCommands(program, ctx);
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

function registerPublicationCommands(program: Command, ctx: CliContext): void {
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
        const { db } = await ctx.database();
        const { triple } = await tripleOf(ctx, db, options);
        const outcome = await recordErratum(
          db,
          {
            ...triple,
            level: options.level,
            reason: options.reason,
            author: options.reviewer,
            evidenceUrl: options.url ?? null,
          },
          ctx.now(),
        );
        printOutcome(ctx, `Erratum n° ${outcome.erratum.id} enregistré`, outcome);
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

function registerContestCommands(program: Command, ctx: CliContext): void {
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
        const { db } = await ctx.database();
        const outcome = await decideContest(
          db,
          {
            contestId: id,
            decision: options.accept ? 'accepted' : 'rejected',
            decisionText: options.decision,
            decider: options.reviewer,
            level: options.level ?? null,
          },
          ctx.now(),
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
