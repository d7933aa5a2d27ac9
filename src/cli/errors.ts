import { CommanderError } from 'commander';
import { formatProblem, UserError, type UserErrorCode } from '../shared/errors.ts';

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  inputInvalid: 3,
  notFound: 4,
  conflict: 5,
  databaseUnavailable: 6,
  configInvalid: 7,
  /** Wrong credentials, or a role that may not do this. */
  accessDenied: 8,
  /** Stopped by Ctrl-C or SIGTERM: the work done is kept and the same command resumes it. */
  interrupted: 130,
} as const;

const exitByCode: Record<UserErrorCode, number> = {
  input_invalid: EXIT.inputInvalid,
  referential_invalid: EXIT.inputInvalid,
  not_found: EXIT.notFound,
  conflict: EXIT.conflict,
  database_unavailable: EXIT.databaseUnavailable,
  config_invalid: EXIT.configInvalid,
  unauthenticated: EXIT.accessDenied,
  forbidden: EXIT.accessDenied,
};

/** Most problems a user needs to see at once; the rest are counted. */
const SHOWN_PROBLEMS = 50;

/** Turns any failure into the lines to print and the exit code, in one place. */
export function describeFailure(error: unknown): { lines: string[]; exitCode: number } {
  if (error instanceof UserError) {
    const lines = [`Erreur : ${error.message}`];
    for (const problem of error.problems.slice(0, SHOWN_PROBLEMS))
      lines.push(`  - ${formatProblem(problem)}`);
    if (error.problems.length > SHOWN_PROBLEMS) {
      lines.push(`  … et ${error.problems.length - SHOWN_PROBLEMS} autre(s) problème(s).`);
    }
    if (error.problems.some((problem) => problem.file !== undefined)) {
      lines.push('Rien n’a été enregistré : corrigez le fichier puis relancez la commande.');
    }
    return { lines, exitCode: exitByCode[error.code] };
  }
  if (error instanceof CommanderError) {
    return { lines: [], exitCode: error.exitCode === 0 ? EXIT.ok : EXIT.usage };
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    lines: ['Erreur inattendue. Merci de la signaler avec le détail ci-dessous :', detail],
    exitCode: EXIT.unexpected,
  };
}
