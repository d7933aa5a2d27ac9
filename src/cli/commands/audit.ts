import type { Command } from 'commander';
import { assessedServicesOfAuthority } from '../../assessments/assessments.repository.ts';
import { latestSiteAudit } from '../../audits/audits.repository.ts';
import type { AuthorityKind } from '../../db/schema.ts';
import { findEdition } from '../../editions/editions.service.ts';
import { DIGITALISATION_LEVELS, isDigitalisationLevel } from '../../referential/levels.ts';
import { UserError } from '../../shared/errors.ts';
import { authorityKindName, findAuthorityByCode } from '../../territories/authority-lookup.ts';
import type { CliContext } from '../context.ts';
import { formatDecimal, formatInteger } from '../format.ts';
import { parseAuthorityKind, parseYear } from '../parse-options.ts';
import { formatStatusCounts } from './crawl.ts';

const OUTCOME_MARKS: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', unknown: '?' };

interface PageEvidence {
  url?: string;
  phrases?: string[];
  signals?: string[];
  platform?: string;
  thirdParty?: string;
}

/** Evidence lines of an assessment, as an analyst needs them to check it. */
function evidenceLines(evidence: { pages?: PageEvidence[]; reason?: string }, verbose: boolean): string[] {
  if (evidence.reason === 'not_found_on_site') return [];
  const pages = evidence.pages ?? [];
  return pages
    .slice(0, verbose ? pages.length : 1)
    .flatMap((page) => [
      `      preuve : ${page.url ?? '—'}`,
      ...(page.phrases?.length
        ? [`        expressions : ${page.phrases.map((p) => `« ${p} »`).join(', ')}`]
        : []),
      ...(page.signals?.length ? [`        signaux : ${page.signals.join(' ; ')}`] : []),
      ...(page.platform ? [`        plateforme : ${page.platform}`] : []),
      ...(page.thirdParty ? [`        opérateur tiers : ${page.thirdParty}`] : []),
    ]);
}

export function registerAuditCommands(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('Résultats des audits de sites');
  audit
    .command('show')
    .description(
      'Affiche l’audit d’une collectivité : qualité du portail, services trouvés, niveau et preuves',
    )
    .argument('<code>', 'code INSEE, SIREN ou code de collectivité unique')
    .option('--kind <type>', 'type de collectivité quand le code est ambigu', parseAuthorityKind)
    .option('--edition <année>', 'édition (par défaut : l’année en cours)', parseYear)
    .option('--all-evidence', 'toutes les pages qui prouvent chaque service, pas seulement la meilleure')
    .option('--absent', 'liste aussi les services non trouvés')
    .action(
      async (
        code: string,
        options: { kind?: AuthorityKind; edition?: number; allEvidence?: boolean; absent?: boolean },
      ) => {
        const { db } = await ctx.database();
        const year = options.edition ?? ctx.now().getUTCFullYear();
        const edition = await findEdition(db, year);
        if (!edition) throw new UserError('not_found', `L’édition ${year} n’existe pas.`);
        const authority = await findAuthorityByCode(db, code, options.kind);
        const overview = await latestSiteAudit(db, edition.id, authority.id);
        if (!overview) {
          throw new UserError(
            'not_found',
            `Aucun audit de ${authorityKindName(authority.kind)} ${authority.code} pour l’édition ${year} : barometre crawl --authority ${authority.code}`,
          );
        }
        const { site, runOptions, portalChecks } = overview;
        const summary = site.summary
          ? (JSON.parse(site.summary) as { byStatus?: Record<string, number> })
          : {};
        ctx.out.line(
          `${authority.name} (${authorityKindName(authority.kind)} ${authority.code}) — édition ${year}${runOptions.simulated ? ' — SITE SIMULÉ (données fictives)' : ''}`,
        );
        ctx.out.line(
          `Site ${site.start_url} : ${site.status}, ${formatInteger(site.pages)} pages (${formatStatusCounts(summary.byStatus ?? {})}), ${site.finished_at?.slice(0, 10) ?? 'en cours'}`,
        );
        if (site.error) ctx.out.line(`Erreur : ${site.error}`);

        ctx.out.line();
        ctx.out.line('Qualité du portail');
        for (const check of portalChecks)
          ctx.out.line(`  ${OUTCOME_MARKS[check.outcome] ?? '?'} ${check.summary}`);

        const services = await assessedServicesOfAuthority(db, edition.id, authority.id);
        const counts = [0, 0, 0, 0, 0];
        for (const s of services) counts[s.assessment.level] = (counts[s.assessment.level] ?? 0) + 1;
        ctx.out.line();
        ctx.out.line(
          `Services (${services.length} applicables) : ${counts[4]} de bout en bout, ${(counts[2] ?? 0) + (counts[3] ?? 0)} partiels, ` +
            `${counts[1]} information seule, ${counts[0]} non trouvés`,
        );
        let theme = '';
        for (const service of services) {
          const { assessment } = service;
          if (assessment.level === 0 && !options.absent) continue;
          if (service.themeName !== theme) {
            theme = service.themeName;
            ctx.out.line(`  ${theme}`);
          }
          const label = isDigitalisationLevel(assessment.level)
            ? DIGITALISATION_LEVELS[assessment.level].label
            : '?';
          const confidence =
            assessment.confidence === null ? '' : ` — confiance ${formatDecimal(assessment.confidence)}`;
          ctx.out.line(
            `    [${assessment.level}] ${service.serviceName} — ${label}${confidence} — ${assessment.source}`,
          );
          for (const line of evidenceLines(JSON.parse(assessment.evidence), options.allEvidence === true)) {
            ctx.out.line(line);
          }
        }
      },
    );
}
