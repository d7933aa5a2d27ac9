import type { Command } from 'commander';
import type { Database } from '../../db/database.ts';
import type { CliContext } from '../context.ts';

/** Serves the site until Ctrl-C or SIGTERM, then closes it cleanly. */
export async function serveUntilStopped(ctx: CliContext, database: Database): Promise<void> {
  const server = await ctx.startWebServer(database);
  ctx.err.write(`Baromètre est servi sur ${server.url} (Ctrl-C pour arrêter)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description(
      'Sert le site public et l’API (port : variable PORT) ; Ctrl-C ou SIGTERM l’arrête proprement',
    )
    .action(async () => serveUntilStopped(ctx, await ctx.database()));
}
