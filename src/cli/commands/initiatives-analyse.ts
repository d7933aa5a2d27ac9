import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { formatChiSquareFigures } from '../../indicators/statistics/chi-square.ts';
import { analyseInitiatives } from '../../initiatives/analysis/analysis.rules.ts';
import { formatShare, initiativeFindings } from '../../initiatives/analysis/findings.ts';
import { publishedInitiativeDomains } from '../../initiatives/analysis/published-domains.query.ts';
import { type ClassifiedLine, classifyJsonLines } from '../../initiatives/classification/classify-file.ts';
import { shippedClassifier } from '../../initiatives/classification/shipped.ts';
import { shippedTaxonomy } from '../../initiatives/domains.ts';
import { initiativesCsv, initiativesJson } from '../../initiatives/export/initiatives-export.ts';
import { publishedInitiatives } from '../../initiatives/export/published-initiatives.query.ts';
import type { CliContext } from '../context.ts';
import { formatDecimal, formatInteger } from '../format.ts';
import { parseYear } from '../parse-options.ts';

/** `initiatives classify`, `analyse`, `export` and `domains`: what reads the registry as a whole. */

function parseFormat(value: string): 'csv' | 'json' {
  if (value !== 'csv' && value !== 'json') throw new InvalidArgumentError('format attendu : csv ou json.');
  return value;
}

function columns(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length)));
  return rows.map(
    (row) =>
      `  ${row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join('  ')}`,
  );
}

export function registerInitiativeAnalysisCommands(group: Command, ctx: CliContext): void {
  group
    .command('domains')
    .description('Taxonomie des domaines : clés, libellés, descriptions et exemples')
    .action(() => {
      for (const domain of shippedTaxonomy().domains) {
        ctx.out.line(`${domain.key} — ${domain.label}`);
        ctx.out.line(`  ${domain.description}`);
        ctx.out.line(`  Exemples : ${domain.subtopics.join(' ; ')}`);
      }
    });

  group
    .command('classify')
    .description(
      'Classe des initiatives données en JSONL ({"title", "description"} par ligne) : une ligne JSON de domaines par entrée',
    )
    .argument('<fichier>', 'fichier JSONL')
    .option('--out <fichier>', 'écrit le résultat dans ce fichier au lieu de la sortie standard')
    .action(async (file: string, options: { out?: string }) => {
      const deps = { classifier: shippedClassifier(), taxonomy: shippedTaxonomy() };
      if (options.out === undefined) {
        await classifyJsonLines(file, deps, (line) => ctx.out.line(JSON.stringify(line)));
        return;
      }
      // Lines are collected first: an invalid input leaves no output file behind.
      const lines: ClassifiedLine[] = [];
      await classifyJsonLines(file, deps, (line) => lines.push(line));
      const out = createWriteStream(options.out, { encoding: 'utf8' });
      for (const line of lines) out.write(`${JSON.stringify(line)}\n`);
      await new Promise<void>((resolve, reject) => {
        out.on('error', reject);
        out.end(resolve);
      });
      ctx.err.write(`${formatInteger(lines.length)} initiative(s) classée(s) dans ${options.out}\n`);
    });

  group
    .command('export')
    .description('Exporte les initiatives publiées (données ouvertes, sans les contacts) en CSV ou en JSON')
    .option(
      '--format <format>',
      'csv (par défaut, relisible par « initiatives import ») ou json',
      parseFormat,
      'csv',
    )
    .option('--year <année>', 'une année (par défaut : toutes)', parseYear)
    .option('--out <fichier>', 'écrit dans ce fichier au lieu de la sortie standard')
    .action(async (options: { format: 'csv' | 'json'; year?: number; out?: string }) => {
      const { db } = await ctx.database();
      const published = await publishedInitiatives(
        db,
        options.year === undefined ? {} : { year: options.year },
      );
      const text =
        options.format === 'csv'
          ? initiativesCsv(published)
          : initiativesJson(published, shippedTaxonomy(), ctx.now());
      if (options.out === undefined) {
        ctx.out.line(text.replace(/\r?\n$/, ''));
        return;
      }
      await writeFile(options.out, text, 'utf8');
      ctx.err.write(`${formatInteger(published.length)} initiative(s) exportée(s) dans ${options.out}\n`);
    });

  group
    .command('analyse')
    .description(
      'Analyse des initiatives publiées : parts par domaine, strates de population, test du χ², corrélations',
    )
    .option('--year <année>', 'une année (par défaut : toutes)', parseYear)
    .action(async (options: { year?: number }) => {
      const { db } = await ctx.database();
      const taxonomy = shippedTaxonomy();
      const keys = taxonomy.domains.map((domain) => domain.key);
      const label = (key: string) => taxonomy.domains.find((domain) => domain.key === key)?.label ?? key;
      const rows = await publishedInitiativeDomains(
        db,
        options.year === undefined ? {} : { year: options.year },
      );
      const analysis = analyseInitiatives(rows, keys);
      ctx.out.line(
        `Initiatives numériques${options.year === undefined ? '' : ` ${options.year}`} : constats`,
      );
      for (const finding of initiativeFindings(analysis, taxonomy, options.year))
        ctx.out.line(`• ${finding}`);
      if (analysis.initiatives === 0) return;

      ctx.out.line('');
      ctx.out.line('Part des initiatives par domaine (une initiative peut relever de plusieurs domaines) :');
      for (const line of columns([
        ['domaine', 'initiatives', 'part', 'domaine principal', 'part'],
        ...analysis.domains.map((d) => [
          label(d.domain),
          formatInteger(d.count),
          formatShare(d.share),
          formatInteger(d.mainCount),
          formatShare(d.mainShare),
        ]),
      ])) {
        ctx.out.line(line);
      }
      const { communes } = analysis;
      if (communes.communes === 0) return;
      const strata = communes.strata.filter((row) => row.communes > 0);
      ctx.out.line('');
      ctx.out.line('Communes par strate de population (strates DGCL/OFGL) :');
      for (const line of columns([
        ['strate', 'communes', 'initiatives', 'par commune'],
        ...strata.map((row) => [
          row.label,
          formatInteger(row.communes),
          formatInteger(row.initiatives),
          formatDecimal(row.perCommune),
        ]),
      ])) {
        ctx.out.line(line);
      }
      ctx.out.line('');
      ctx.out.line('Domaine principal par strate (part des initiatives de la strate) :');
      const shown = keys.filter((_, index) => strata.some((row) => (row.mainDomains[index] ?? 0) > 0));
      for (const line of columns([
        ['strate', ...shown.map((key) => label(key).split(' ')[0] ?? key)],
        ...strata.map((row) => [
          row.label.replace(/^Communes /, ''),
          ...shown.map((key) => formatShare((row.mainDomains[keys.indexOf(key)] ?? 0) / row.initiatives)),
        ]),
      ])) {
        ctx.out.line(line);
      }
      if (communes.independence.status === 'ok') {
        ctx.out.line(`  Test d’indépendance : ${formatChiSquareFigures(communes.independence)}`);
      }
    });
}
