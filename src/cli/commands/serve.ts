import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description(
      'Sert le site public et l’API (port : variable PORT) ; Ctrl-C ou SIGTERM l’arrête proprement',
    )
    .action(async () => {
      const database = await ctx.database();
      const server = await ctx.startWebServer(database);
      ctx.err.write(`Baromètre est servi sur ${server.url}\n`);
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
    });
}
