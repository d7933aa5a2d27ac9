import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.ts';
import { registerContestCommands } from './commands/contest.ts';
import { registerCrawlCommand } from './commands/crawl.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDetectCommand } from './commands/detect.ts';
import { registerEditionCommands } from './commands/edition.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerIndicatorsCommands } from './commands/indicators.ts';
import { registerInitiativeCommands } from './commands/initiatives.ts';
import { registerJobsCommands } from './commands/jobs.ts';
import { registerPublicationCommands } from './commands/publication.ts';
import { registerReferentialCommands } from './commands/referential.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerReviewCommands } from './commands/review.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerStatusCommand } from './commands/status.ts';
import { registerSurveyCommands } from './commands/survey.ts';
import { registerUserCommands } from './commands/user.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import type { CliContext } from './context.ts';

export function buildProgram(ctx: CliContext, version: string): Command {
  const program = new Command('barometre')
    .description('Baromètre — observatoire des services publics numériques des collectivités')
    .version(version, '-V, --version', 'affiche la version')
    .helpOption('-h, --help', 'affiche l’aide de la commande')
    .helpCommand('help [commande]', 'affiche l’aide d’une commande')
    .showHelpAfterError('(barometre <commande> --help pour l’aide)')
    .configureOutput({
      writeOut: (text) => ctx.out.line(text.trimEnd()),
      writeErr: (text) => ctx.err.write(text),
    })
    .exitOverride();
  registerDemoCommand(program, ctx);
  registerStatusCommand(program, ctx);
  registerImportCommands(program, ctx);
  registerCrawlCommand(program, ctx);
  registerAuditCommands(program, ctx);
  registerDetectCommand(program, ctx);
  registerInitiativeCommands(program, ctx);
  registerReferentialCommands(program, ctx);
  registerEditionCommands(program, ctx);
  registerReviewCommands(program, ctx);
  // After `edition`: it adds `edition publish` to that group.
  registerPublicationCommands(program, ctx);
  registerContestCommands(program, ctx);
  registerExportCommand(program, ctx);
  registerReportCommand(program, ctx);
  registerUserCommands(program, ctx);
  registerIndicatorsCommands(program, ctx);
  registerSurveyCommands(program, ctx);
  registerDbCommands(program, ctx);
  registerServeCommand(program, ctx);
  registerWorkerCommand(program, ctx);
  registerJobsCommands(program, ctx);
  // Every subcommand gets the same French help option and the same failure handling.
  const configure = (command: Command) => {
    command.helpOption('-h, --help', 'affiche l’aide de la commande').exitOverride();
    for (const sub of command.commands) configure(sub);
  };
  for (const command of program.commands) configure(command);
  return program;
}
