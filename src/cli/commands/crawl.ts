import type { Command } from 'commander';
import { type AuditProgress, type AuditReport, runAudit } from '../../audits/audit.service.ts';
import type { FetchStatus, RenderMode } from '../../crawl/crawl.types.ts';
import type { AuthorityKind } from '../../db/schema.ts';
import { findEdition } from '../../editions/editions.service.ts';
import { loadStoredReferential } from '../../referential/referential.repository.ts';
import { errorMessage, UserError } from '../../shared/errors.ts';
import { type AuditTarget, listAuditTargets } from '../../territories/audit-targets.ts';
import { findAuthorityByCode } from '../../territories/authority-lookup.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../errors.ts';
import { formatDecimal, formatInteger, formatSeconds, table } from '../format.ts';
import { parseAuthorityKind, parseBrowserMode, parsePositiveInteger, parseYear } from '../parse-options.ts';
import { runQueuedCrawl } from './crawl-queue.ts';

interface CrawlOptions {
  authority?: string[];
  kind?: AuthorityKind;
  all?: boolean;
  edition?: number;
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  delay?: number;
  simulated?: boolean;
  browser: 'http' | 'auto' | 'always';
  queue?: boolean;
}

export function formatStatusCounts(byStatus: Partial<Record<FetchStatus, number>>): string {
  const errors = Object.entries(byStatus).filter(([status]) => status !== 'ok');
  if (errors.length === 0) return 'aucune erreur';
  return errors
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([status, count]) => `${status} ${formatInteger(count ?? 0)}`)
    .join(', ');
}

function progressLine(p: AuditProgress): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.pages / seconds : 0;
  return `sites ${p.sitesDone}/${p.sitesTotal} · ${formatInteger(p.pages)} pages · ${formatDecimal(rate)} pages/s · ${formatStatusCounts(p.byStatus)}`;
}

async function selectTargets(ctx: CliContext, options: CrawlOptions): Promise<AuditTarget[]> {
  const { db } = await ctx.database();
  const chosen = [options.authority?.length ? 1 : 0, options.all ? 1 : 0].reduce((a, b) => a + b, 0);
  if (chosen !== 1 && !options.kind) {
    throw new UserError(
      'input_invalid',
      'Choisissez les sites à auditer : --authority CODE, --kind TYPE ou --all.',
    );
  }
  if (options.authority?.length) {
    const ids = [];
    for (const code of options.authority) ids.push((await findAuthorityByCode(db, code, options.kind)).id);
    const targets = await listAuditTargets(db, { authorityIds: ids });
    if (targets.length < ids.length) {
      throw new UserError(
        'not_found',
        'Une collectivité demandée n’a pas de site internet connu : barometre import websites FICHIER.csv',
      );
    }
    return targets;
  }
  return listAuditTargets(db, options.kind ? { kind: options.kind } : {});
}

export function registerCrawlCommand(program: Command, ctx: CliContext): void {
  program
    .command('crawl')
    .description(
      'Audite les sites des collectivités : collecte, détection des services et de leur niveau, qualité du portail. ' +
        'Reprend là où une collecte interrompue s’est arrêtée.',
    )
    .option('--authority <code...>', 'code(s) INSEE, SIREN ou de collectivité unique')
    .option(
      '--kind <type>',
      'tous les sites d’un type (region, departement, collectivite_unique, epci, commune)',
      parseAuthorityKind,
    )
    .option('--all', 'tous les sites connus')
    .option('--edition <année>', 'édition (par défaut : l’année en cours)', parseYear)
    .option('--max-pages <n>', 'pages au plus par site', parsePositiveInteger, 150)
    .option('--max-depth <n>', 'profondeur de liens au plus', parsePositiveInteger, 4)
    .option('--concurrency <n>', 'sites audités en même temps', parsePositiveInteger, 8)
    .option(
      '--delay <ms>',
      'délai entre deux requêtes vers un même hôte (remplace BAROMETRE_CRAWL_DELAY_MS)',
      parsePositiveInteger,
    )
    .option(
      '--browser <mode>',
      'rendu des pages par Chromium : http (jamais), auto (pages qui dépendent de JavaScript), always (toutes)',
      parseBrowserMode,
      'http',
    )
    .option(
      '--simulated',
      'audite des sites simulés (ferme de sites locale) au lieu du web réel — démonstration et tests',
    )
    .option(
      '--queue',
      'met la campagne en file, un travail par site : pour « barometre worker » (PostgreSQL) ou exécutée ici (SQLite)',
    )
    .action(async (options: CrawlOptions) => {
      const request: CrawlRequest = {
        targets: await selectTargets(ctx, options),
        year: options.edition ?? ctx.now().getUTCFullYear(),
        simulated: options.simulated === true,
        maxPages: options.maxPages,
        maxDepth: options.maxDepth,
        concurrency: options.concurrency,
        renderMode: options.browser === 'always' ? 'browser' : options.browser,
        ...(options.delay !== undefined ? { delayMs: options.delay } : {}),
      };
      if (options.queue) await runQueuedCrawl(ctx, request);
      else await runCrawl(ctx, request);
    });
}

export interface CrawlRequest {
  targets: AuditTarget[];
  year: number;
  simulated: boolean;
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  delayMs?: number;
  renderMode?: RenderMode;
}

/** Audits the targets with live progress and prints the summary. Shared with `demo`. */
export async function runCrawl(ctx: CliContext, request: CrawlRequest): Promise<AuditReport> {
  const { db } = await ctx.database();
  const { targets, year } = request;
  const edition = await findEdition(db, year);
  if (!edition) {
    throw new UserError(
      'not_found',
      `L’édition ${year} n’existe pas : barometre edition create --year ${year}`,
    );
  }
  const web = request.simulated
    ? await ctx.simulatedWeb(
        targets,
        (await loadStoredReferential(db, edition.referential_version)).referential,
      )
    : undefined;
  const runtime = ctx.crawlerRuntime({
    ...(web ? { network: web.network } : {}),
    ...(request.delayMs !== undefined ? { politeness: { delayMs: request.delayMs } } : {}),
    ...(request.renderMode ? { renderMode: request.renderMode } : {}),
  });
  try {
    await runtime.render?.renderer.start();
  } catch (error) {
    await runtime.close();
    await web?.close();
    throw new UserError('input_invalid', `Mode navigateur impossible : ${errorMessage(error)}`);
  }
  const progress = ctx.progress();
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let lastLine = 0;
  try {
    ctx.out.line(
      `Audit de ${formatInteger(targets.length)} collectivité(s), édition ${year}${web ? ' — sites SIMULÉS (ferme locale)' : ''}`,
    );
    const report = await runAudit(
      { db, ...runtime, now: ctx.now },
      {
        editionYear: year,
        targets,
        limits: {
          maxPages: request.maxPages,
          maxDepth: request.maxDepth,
          maxBytes: 5_000_000,
          requestTimeoutMs: 20_000,
          siteTimeoutMs: 15 * 60_000,
        },
        siteConcurrency: request.concurrency,
        perSiteConcurrency: 4,
        simulated: web !== undefined,
        signal: controller.signal,
        onProgress: (p) => {
          progress.update(progressLine(p), p.sitesDone, p.sitesTotal);
          // Without a terminal (CI, logs), one line every 10 s instead of a bar.
          if (!ctx.interactive && p.elapsedMs - lastLine > 10_000) {
            lastLine = p.elapsedMs;
            ctx.out.line(progressLine(p));
          }
        },
      },
    );
    progress.stop();
    printReport(ctx, report);
    return report;
  } finally {
    progress.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await runtime.close();
    await web?.close();
  }
}

/** Errors listed in the summary; the rest are counted. */
const SHOWN_ERRORS = 10;

function printReport(ctx: CliContext, report: AuditReport): void {
  const seconds = report.elapsedMs / 1000;
  const audited = report.sitesDone - report.sitesSkipped;
  ctx.out.line(report.resumed ? 'Collecte reprise là où elle s’était arrêtée.' : 'Collecte terminée.');
  for (const line of table([
    ['sites audités', `${formatInteger(audited)} (${formatInteger(report.sitesSkipped)} déjà faits)`],
    ['sites en échec', formatInteger(report.failedSites)],
    ['pages', formatInteger(report.pages)],
    ['pages par seconde', formatDecimal(seconds > 0 ? report.pages / seconds : 0)],
    ['sites par minute', formatDecimal(seconds > 0 ? (audited * 60) / seconds : 0)],
    ['durée', formatSeconds(report.elapsedMs)],
    ['propositions d’évaluation', formatInteger(report.proposals)],
  ])) {
    ctx.out.line(line);
  }
  ctx.out.line(
    `Pages par statut : ok ${formatInteger(report.byStatus.ok ?? 0)} ; ${formatStatusCounts(report.byStatus)}`,
  );
  for (const error of report.errors.slice(0, SHOWN_ERRORS)) ctx.out.line(`  erreur : ${error}`);
  if (report.errors.length > SHOWN_ERRORS)
    ctx.out.line(`  … et ${report.errors.length - SHOWN_ERRORS} autre(s).`);
  if (report.interrupted) {
    ctx.out.line('Collecte interrompue : relancez la même commande pour la reprendre.');
    ctx.setExitCode(EXIT.interrupted);
  }
}
