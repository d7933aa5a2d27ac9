import { type Command, InvalidArgumentError } from 'commander';
import type { AuthorityKind } from '../../db/schema.ts';
import { shippedClassifier } from '../../initiatives/classification/shipped.ts';
import { findDomain, shippedTaxonomy } from '../../initiatives/domains.ts';
import {
  MODERATION_LABELS,
  type ModerationStatus,
  PROGRESS_LABELS,
} from '../../initiatives/initiative.rules.ts';
import { listInitiatives } from '../../initiatives/initiatives.repository.ts';
import {
  getInitiative,
  moderateInitiative,
  overrideDomains,
  submitInitiative,
} from '../../initiatives/initiatives.service.ts';
import { importInitiatives } from '../../initiatives/initiatives-import.ts';
import { authorityKindName, findAuthorityByCode } from '../../territories/authority-lookup.ts';
import type { CliContext } from '../context.ts';
import { formatInteger, table } from '../format.ts';
import { parseAuthorityKind, parsePositiveInteger, parseYear } from '../parse-options.ts';
import { registerInitiativeAnalysisCommands } from './initiatives-analyse.ts';

/**
 * The initiatives registry on the command line (docs/initiatives.md): import, submission,
 * moderation, domain corrections, listing. Who acts is given by --by until accounts exist.
 */

const STATUSES: readonly ModerationStatus[] = ['submitted', 'published', 'rejected'];

function parseStatus(value: string): ModerationStatus {
  if (!(STATUSES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`état attendu parmi : ${STATUSES.join(', ')}.`);
  }
  return value as ModerationStatus;
}

function parseDomainKey(value: string): string {
  const found = findDomain(shippedTaxonomy(), value);
  if (typeof found === 'string') throw new InvalidArgumentError(`${found}.`);
  return found.key;
}

function domainLabel(key: string): string {
  return shippedTaxonomy().domains.find((domain) => domain.key === key)?.label ?? key;
}

const deps = () => ({ classifier: shippedClassifier(), taxonomy: shippedTaxonomy() });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

export function registerInitiativeCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command('initiatives')
    .description(
      'Registre des initiatives numériques des collectivités : import, soumission, modération, classement, analyse',
    );

  group
    .command('import')
    .description(
      'Importe des initiatives depuis un CSV (code de la collectivité, titre, description, année ; domaines, URL, état, contact facultatifs). Tout ou rien.',
    )
    .argument('<fichier>', 'fichier CSV (séparateur ; ou , — UTF-8 ou Latin-1)')
    .requiredOption('--by <courriel>', 'adresse de la personne qui importe (soumission et publication)')
    .option('--pending', 'laisse les initiatives en attente de modération au lieu de les publier')
    .option('--kind <type>', 'type des collectivités quand le fichier ne le dit pas', parseAuthorityKind)
    .action(async (file: string, options: { by: string; pending?: boolean; kind?: AuthorityKind }) => {
      const { db } = await ctx.database();
      const report = await importInitiatives(db, file, {
        ...deps(),
        now: ctx.now(),
        by: options.by,
        ...(options.pending ? { pending: true } : {}),
        ...(options.kind ? { kind: options.kind } : {}),
      });
      ctx.out.line(`Initiatives importées depuis ${report.file} :`);
      for (const line of table([
        ['lignes valides', formatInteger(report.rows)],
        [
          report.published ? 'ajoutées et publiées' : 'ajoutées, en attente de modération',
          formatInteger(report.added),
        ],
        ['dont domaines donnés par le fichier', formatInteger(report.domainsFromFile)],
        [
          'dont domaines proposés par le classement automatique',
          formatInteger(report.added - report.domainsFromFile),
        ],
        ['déjà présentes (ignorées)', formatInteger(report.alreadyPresent)],
      ])) {
        ctx.out.line(line);
      }
    });

  group
    .command('submit')
    .description(
      'Soumet une initiative (comme le formulaire des collectivités) : classée automatiquement, en attente de modération',
    )
    .requiredOption('--authority <code>', 'code de la collectivité (INSEE, SIREN…)')
    .option('--kind <type>', 'type de la collectivité si le code est ambigu', parseAuthorityKind)
    .requiredOption('--title <texte>', 'titre')
    .requiredOption('--description <texte>', 'description')
    .requiredOption('--year <année>', 'année de lancement')
    .option('--url <adresse>', 'page de présentation')
    .option('--progress <état>', `état : ${Object.values(PROGRESS_LABELS).join(', ')}`)
    .option('--contact <contact>', 'personne à contacter (non publiée)')
    .requiredOption('--by <courriel>', 'adresse de la personne qui soumet')
    .action(async (options: Record<string, string> & { kind?: AuthorityKind }) => {
      const { db } = await ctx.database();
      const authority = await findAuthorityByCode(db, options.authority as string, options.kind);
      const { id, classification } = await submitInitiative(
        db,
        {
          authorityId: authority.id,
          title: options.title as string,
          description: options.description as string,
          year: options.year as string,
          submittedBy: options.by as string,
          ...(options.url !== undefined ? { url: options.url } : {}),
          ...(options.progress !== undefined ? { progress: options.progress } : {}),
          ...(options.contact !== undefined ? { contact: options.contact } : {}),
        },
        { ...deps(), now: ctx.now() },
      );
      ctx.out.line(`Initiative n° ${id} soumise pour ${authority.name} ; en attente de modération.`);
      for (const entry of classification.domains) {
        ctx.out.line(
          `  ${domainLabel(entry.domain)} (${percent.format(entry.confidence)}) : ${entry.words.join(', ')}`,
        );
      }
    });

  for (const [name, decision, description] of [
    ['publish', 'published', 'Publie une initiative soumise'],
    ['reject', 'rejected', 'Refuse une initiative soumise (raison obligatoire)'],
  ] as const) {
    group
      .command(name)
      .description(description)
      .argument('<id>', 'numéro de l’initiative', parsePositiveInteger)
      .requiredOption('--by <courriel>', 'adresse du modérateur')
      .option('--reason <texte>', 'motif (obligatoire pour un refus)')
      .action(async (id: number, options: { by: string; reason?: string }) => {
        const { db } = await ctx.database();
        await moderateInitiative(
          db,
          {
            id,
            decision,
            moderator: options.by,
            ...(options.reason !== undefined ? { reason: options.reason } : {}),
          },
          ctx.now(),
        );
        ctx.out.line(`Initiative n° ${id} ${MODERATION_LABELS[decision]}.`);
      });
  }

  group
    .command('reclassify')
    .description('Corrige les domaines d’une initiative ; le classement précédent reste dans l’historique')
    .argument('<id>', 'numéro de l’initiative', parsePositiveInteger)
    .requiredOption('--domains <clés>', 'domaines séparés par des virgules, le principal d’abord')
    .requiredOption('--by <courriel>', 'adresse de l’analyste')
    .requiredOption('--comment <texte>', 'raison de la correction')
    .action(async (id: number, options: { domains: string; by: string; comment: string }) => {
      const { db } = await ctx.database();
      const domains = await overrideDomains(
        db,
        { id, domains: options.domains, analyst: options.by, comment: options.comment },
        { taxonomy: shippedTaxonomy(), now: ctx.now() },
      );
      ctx.out.line(`Initiative n° ${id} : domaines corrigés en ${domains.map(domainLabel).join(', ')}.`);
    });

  group
    .command('list')
    .description('Liste les initiatives (les plus récentes d’abord)')
    .option('--status <état>', `état de modération : ${STATUSES.join(', ')}`, parseStatus)
    .option('--authority <code>', 'une collectivité')
    .option('--kind <type>', 'type de la collectivité si le code est ambigu', parseAuthorityKind)
    .option('--year <année>', 'année', parseYear)
    .option('--domain <clé>', 'un domaine (clé, voir « initiatives domains »)', parseDomainKey)
    .option('--limit <n>', 'nombre maximal de lignes', parsePositiveInteger, 50)
    .action(
      async (options: {
        status?: ModerationStatus;
        authority?: string;
        kind?: AuthorityKind;
        year?: number;
        domain?: string;
        limit: number;
      }) => {
        const { db } = await ctx.database();
        const authority = options.authority
          ? await findAuthorityByCode(db, options.authority, options.kind)
          : undefined;
        const items = await listInitiatives(db, {
          ...(options.status ? { status: options.status } : {}),
          ...(authority ? { authorityId: authority.id } : {}),
          ...(options.year ? { year: options.year } : {}),
          ...(options.domain ? { domain: options.domain } : {}),
          limit: options.limit,
        });
        if (items.length === 0) ctx.out.line('Aucune initiative ne correspond.');
        for (const item of items) {
          ctx.out.line(
            `n° ${item.id} · ${item.year} · ${item.authorityName} (${authorityKindName(item.authorityKind)} ${item.authorityCode}) · ${MODERATION_LABELS[item.status]}`,
          );
          ctx.out.line(`  ${item.title} — ${item.domains.map(domainLabel).join(', ') || 'non classée'}`);
        }
      },
    );

  group
    .command('show')
    .description('Une initiative : fiche, modération et historique de son classement')
    .argument('<id>', 'numéro de l’initiative', parsePositiveInteger)
    .action(async (id: number) => {
      const { db } = await ctx.database();
      const item = await getInitiative(db, id);
      ctx.out.line(`Initiative n° ${item.id} : ${item.title}`);
      for (const [name, value] of [
        [
          'Collectivité',
          `${item.authority.name} (${authorityKindName(item.authority.kind as AuthorityKind)} ${item.authority.code})`,
        ],
        ['Année', String(item.year)],
        ['État du projet', PROGRESS_LABELS[item.progress]],
        ['Adresse', item.url ?? '—'],
        ['Contact', item.contact ?? '—'],
        ['Origine', `${item.source}, par ${item.submittedBy}, le ${item.createdAt.slice(0, 10)}`],
        ['Modération', MODERATION_LABELS[item.status]],
      ]) {
        ctx.out.line(`  ${name} : ${value}`);
      }
      if (item.moderation) {
        ctx.out.line(
          `  décision de ${item.moderation.moderator} le ${item.moderation.at.slice(0, 10)}${item.moderation.reason ? ` : ${item.moderation.reason}` : ''}`,
        );
      }
      ctx.out.line(item.description);
      ctx.out.line('Classement (du plus ancien au courant) :');
      for (const record of item.classifications) {
        const who =
          record.source === 'analyst'
            ? `analyste ${record.analyst}`
            : record.source === 'import'
              ? 'fichier importé'
              : `classement automatique ${record.classifierVersion}`;
        const words = (record.evidence.words ?? {}) as Record<string, string[]>;
        ctx.out.line(
          `  ${record.createdAt.slice(0, 10)} · ${who}${record.comment ? ` : ${record.comment}` : ''}`,
        );
        for (const entry of record.domains) {
          const confidence = entry.confidence === null ? '' : ` (${percent.format(entry.confidence)})`;
          const because = words[entry.domain]?.length ? ` — ${words[entry.domain]?.join(', ')}` : '';
          ctx.out.line(`    ${domainLabel(entry.domain)}${confidence}${because}`);
        }
      }
    });

  registerInitiativeAnalysisCommands(group, ctx);
}
