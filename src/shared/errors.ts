/**
 * Expected failures carry a stable code, a French message for the user and, when the
 * failure is about input, the places where the input is wrong. They are turned into
 * exit codes (CLI) or HTTP responses (web) in one place at the edge.
 */

/** Where in a user's input a problem was found. Line numbers are 1-based, as editors show them. */
export interface InputLocation {
  file?: string;
  line?: number;
  column?: string;
  field?: string;
}

export interface InputProblem extends InputLocation {
  message: string;
}

export type UserErrorCode =
  | 'config_invalid'
  | 'input_invalid'
  | 'not_found'
  | 'conflict'
  | 'referential_invalid'
  | 'database_unavailable'
  /** Not signed in, or the credentials are wrong. */
  | 'unauthenticated'
  /** Signed in, but this role or person may not do that. */
  | 'forbidden';

export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly problems: readonly InputProblem[];

  constructor(code: UserErrorCode, message: string, problems: readonly InputProblem[] = []) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.problems = problems;
  }
}

/** "fichier.csv, ligne 12, colonne « montant » : nombre invalide" */
export function formatProblem(problem: InputProblem): string {
  const where = [
    problem.file,
    problem.line === undefined ? undefined : `ligne ${problem.line}`,
    problem.column === undefined ? undefined : `colonne « ${problem.column} »`,
    problem.field === undefined ? undefined : `champ « ${problem.field} »`,
  ].filter((part): part is string => part !== undefined);
  return where.length > 0 ? `${where.join(', ')} : ${problem.message}` : problem.message;
}

/** What a thrown value says: an Error's message, anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
