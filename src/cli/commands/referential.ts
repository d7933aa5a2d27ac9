import path from 'node:path';
import type { Command } from 'commander';
import {
  defaultReferentialRoot,
  latestReferentialVersion,
  listReferentialVersions,
  loadReferential,
} from '../../referential/referential.loader.ts';
import { storeReferential } from '../../referential/referential.repository.ts';
import type { Referential } from '../../referential/referential.schema.ts';
import type { CliContext } from '../context.ts';
import { table } from '../format.ts';

async function loadVersion(version: string | undefined, root: string): Promise<Referential> {
  return loadReferential(path.join(root, version ?? (await latestReferentialVersion(root))));
}

/** Services per competence kind, the way the referential is described to users. */
export function describeReferential(referential: Referential): string[] {
  const byKind = new Map<string, number>();
  for (const service of referential.services) {
    for (const kind of service.applies_to) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return [
    `Référentiel ${referential.version} : ${referential.themes.length} thématiques, ${referential.services.length} services`,
    ...table([...byKind].map(([kind, count]) => [`services applicables (${kind})`, String(count)])),
  ];
}

export function registerReferentialCommands(program: Command, ctx: CliContext): void {
  const referential = program
    .command('referential')
    .description('Référentiel des services attendus (data/referentials/)');
  const rootOption = ['--root <dossier>', 'dossier des référentiels', defaultReferentialRoot()] as const;

  referential
    .command('validate')
    .description(
      'Vérifie les fichiers du référentiel (clés uniques, thématiques connues…) sans rien enregistrer',
    )
    .option('--referential <version>', 'version à vérifier (par défaut : la plus récente)')
    .option(...rootOption)
    .action(async (options: { referential?: string; root: string }) => {
      const loaded = await loadVersion(options.referential, options.root);
      ctx.out.line(`${describeReferential(loaded)[0]} : fichiers valides.`);
    });

  referential
    .command('load')
    .description('Valide puis enregistre une version du référentiel dans la base')
    .option('--referential <version>', 'version à charger (par défaut : la plus récente)')
    .option(...rootOption)
    .action(async (options: { referential?: string; root: string }) => {
      const loaded = await loadVersion(options.referential, options.root);
      const { db } = await ctx.database();
      const result = await storeReferential(db, loaded, ctx.now());
      const verdict = { inserted: 'enregistré', replaced: 'remplacé', unchanged: 'déjà à jour' }[result];
      for (const line of describeReferential(loaded)) ctx.out.line(line);
      ctx.out.line(`Référentiel ${loaded.version} ${verdict}.`);
    });

  referential
    .command('list')
    .description('Liste les versions disponibles dans les fichiers')
    .option(...rootOption)
    .action(async (options: { root: string }) => {
      for (const version of await listReferentialVersions(options.root)) ctx.out.line(version);
    });
}
