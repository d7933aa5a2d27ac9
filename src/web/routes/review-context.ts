import type { Context } from 'hono';
import type { SignedInUser } from '../../accounts/users.repository.ts';
import { evidenceUrlOrRefusal, isRefusal } from '../../assessments/review.rules.ts';
import type { EditionRow } from '../../db/schema.ts';
import { UserError } from '../../shared/errors.ts';
import type { FieldError } from '../components/error-summary.tsx';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { formFields } from './form-body.ts';

/** What every review handler needs from the request: the signed-in person and their form token. */
export function reviewer(c: Context<AppEnv>): { user: SignedInUser; csrfToken: string } {
  const user = c.get('user');
  const csrfToken = c.get('sessionCsrf');
  if (!user || !csrfToken) throw new Error('guarded route reached without a session');
  return { user, csrfToken };
}

/**
 * The edition a review screen shows: the year asked for, else the newest draft (the one under
 * review), else the newest. Years come from the editions themselves, for the edition selector.
 */
export async function reviewEdition(
  services: WebServices,
  year: number | undefined,
): Promise<{ edition: EditionRow; years: number[] }> {
  const editions = [...(await services.listEditions())].sort((a, b) => b.year - a.year);
  const edition =
    year === undefined
      ? (editions.find((e) => e.status === 'draft') ?? editions[0])
      : editions.find((e) => e.year === year);
  if (!edition)
    throw new UserError(
      'not_found',
      year === undefined ? 'Aucune édition.' : `L’édition ${year} n’existe pas.`,
    );
  return { edition, years: editions.map((e) => e.year) };
}

export async function reviewEditionById(services: WebServices, id: number): Promise<EditionRow> {
  const edition = (await services.listEditions()).find((e) => e.id === id);
  if (!edition) throw new UserError('not_found', `L’édition n° ${id} n’existe pas.`);
  return edition;
}

/**
 * A service's refusal (superseded assessment, same level, already decided…) as the form's error,
 * linked to `field`, with the status to answer: 409 for a conflict, 404 for something gone, else
 * 400. Anything that is not a UserError is a bug and goes on to the 500 page.
 */
export function refusalOf(error: unknown, field: string): { errors: FieldError[]; status: 400 | 404 | 409 } {
  if (!(error instanceof UserError)) throw error;
  const status = error.code === 'conflict' ? 409 : error.code === 'not_found' ? 404 : 400;
  const details = error.problems.map((p) => p.message);
  return { errors: [{ field, message: withoutCommandHints([error.message, ...details].join(' ')) }], status };
}

/**
 * The review services speak to the CLI too: their refusals name commands and options
 * (« (barometre review confirm) », « ajoutez --comment »), which mean nothing in a form.
 */
export function withoutCommandHints(message: string): string {
  return message
    .replace(/\s*\(barometre [^)]*\)/g, '')
    .replace(/\s*:\s*ajoutez --[a-z-]+\s*\./g, '.')
    .replace(/\s+avec --kind/g, ' avec la catégorie');
}

/** A level typed in a form, or undefined when none or not 0 to 4 (the field then shows an error). */
export function formLevel(raw: string): number | undefined {
  return /^[0-4]$/.test(raw) ? Number(raw) : undefined;
}

export const LEVEL_REQUIRED = 'Choisissez un niveau, de 0 à 4.';

export interface LevelForm {
  level: number | undefined;
  comment: string;
  url: string;
}

/**
 * The level, comment and page fields of a posted review form, with each field's error: a level
 * is required, the page must be a full http(s) address when given, the comment when `commentRequired`
 * says why.
 */
export async function readLevelForm(
  c: Context<AppEnv>,
  commentRequired?: string,
): Promise<{ form: LevelForm; errors: FieldError[]; field: (name: string) => string }> {
  const field = await formFields(c);
  const form = { level: formLevel(field('niveau')), comment: field('commentaire'), url: field('url').trim() };
  const errors: FieldError[] = [];
  if (form.level === undefined) errors.push({ field: 'niveau', message: LEVEL_REQUIRED });
  if (commentRequired && !form.comment.trim())
    errors.push({ field: 'commentaire', message: commentRequired });
  const url = form.url ? evidenceUrlOrRefusal(form.url) : undefined;
  if (isRefusal(url)) errors.push({ field: 'url', message: url.message });
  return { form, errors, field };
}
