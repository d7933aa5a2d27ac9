import type { InitiativeProgress, InitiativesTable, ModerationDecision } from '../db/schema.ts';
import { normalizeFrench } from '../shared/french-text.ts';
import { normalizeWebsiteUrl } from '../shared/url.ts';
import { type DomainTaxonomy, findDomain } from './domains.ts';

/**
 * Pure rules of the initiatives registry: what a valid initiative is, the moderation states
 * and their transitions, what an analyst's override must say. Problems are French messages
 * naming the field, for the CSV import, the CLI and later the submission form.
 */

export type ModerationStatus = 'submitted' | ModerationDecision;

export const MODERATION_LABELS: Record<ModerationStatus, string> = {
  submitted: 'en attente de modération',
  published: 'publiée',
  rejected: 'refusée',
};

export const PROGRESS_LABELS: Record<InitiativeProgress, string> = {
  planned: 'en projet',
  in_progress: 'en cours',
  completed: 'réalisée',
  abandoned: 'abandonnée',
};

const PROGRESS_WORDS: Record<string, InitiativeProgress> = {
  'en projet': 'planned',
  projet: 'planned',
  prevue: 'planned',
  planned: 'planned',
  'en cours': 'in_progress',
  in_progress: 'in_progress',
  realisee: 'completed',
  realise: 'completed',
  terminee: 'completed',
  completed: 'completed',
  abandonnee: 'abandoned',
  abandonne: 'abandoned',
  abandoned: 'abandoned',
};

/** « réalisée », « En cours », « completed »… → the stored value; empty means completed. */
export function parseProgress(raw: string): InitiativeProgress | undefined {
  const key = normalizeFrench(raw);
  if (key === '') return 'completed';
  return PROGRESS_WORDS[key];
}

/** What a person states about an initiative, checked. */
export type InitiativeFields = Pick<
  InitiativesTable,
  'title' | 'description' | 'year' | 'url' | 'progress' | 'contact'
>;

export interface RawInitiativeFields {
  title: string;
  description: string;
  year: string;
  url?: string;
  progress?: string;
  contact?: string;
}

export interface FieldProblem {
  field: keyof RawInitiativeFields | 'domains';
  message: string;
}

/** French names of the fields, for messages about a submission. */
export const FIELD_LABELS: Record<FieldProblem['field'], string> = {
  title: 'titre',
  description: 'description',
  year: 'année',
  url: 'adresse',
  progress: 'état',
  contact: 'contact',
  domains: 'domaines',
};

export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 5_000;
export const MIN_YEAR = 1990;

/** Checks an initiative as typed by a person; `now` bounds the year (next year at most). */
export function validateInitiative(
  raw: RawInitiativeFields,
  now: Date,
): { ok: true; fields: InitiativeFields } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const title = raw.title.trim().replace(/\s+/g, ' ');
  const description = raw.description.trim();
  if (title === '') problems.push({ field: 'title', message: 'titre manquant' });
  else if (title.length > MAX_TITLE_LENGTH)
    problems.push({
      field: 'title',
      message: `titre trop long (${title.length} caractères, ${MAX_TITLE_LENGTH} au plus)`,
    });
  if (description === '') problems.push({ field: 'description', message: 'description manquante' });
  else if (description.length > MAX_DESCRIPTION_LENGTH)
    problems.push({
      field: 'description',
      message: `description trop longue (${description.length} caractères, ${MAX_DESCRIPTION_LENGTH} au plus)`,
    });
  const maxYear = now.getUTCFullYear() + 1;
  const year = Number(raw.year.trim());
  if (!/^\d{4}$/.test(raw.year.trim()) || year < MIN_YEAR || year > maxYear) {
    problems.push({
      field: 'year',
      message: `année « ${raw.year} » invalide (attendu : de ${MIN_YEAR} à ${maxYear})`,
    });
  }
  let url: string | null = null;
  if (raw.url !== undefined && raw.url.trim() !== '') {
    const normalized = normalizeWebsiteUrl(raw.url);
    if (normalized.ok) url = normalized.url;
    else problems.push({ field: 'url', message: `adresse invalide : ${normalized.reason}` });
  }
  const progress = parseProgress(raw.progress ?? '');
  if (progress === undefined) {
    problems.push({
      field: 'progress',
      message: `état « ${raw.progress} » non reconnu (attendu : ${Object.values(PROGRESS_LABELS).join(', ')})`,
    });
  }
  const contact = raw.contact?.trim() ? raw.contact.trim() : null;
  if (problems.length > 0 || progress === undefined) return { ok: false, problems };
  return { ok: true, fields: { title, description, year, url, progress, contact } };
}

/** « culture_patrimoine, participation » or « Culture et patrimoine ; Participation » → keys, in order. */
export function parseDomainList(
  raw: string,
  taxonomy: DomainTaxonomy,
): { ok: true; domains: string[] } | { ok: false; message: string } {
  const parts = raw
    .split(/[,;|]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, message: 'au moins un domaine attendu' };
  const domains: string[] = [];
  for (const part of parts) {
    const byLabel = taxonomy.domains.find((d) => normalizeFrench(d.label) === normalizeFrench(part));
    const found = byLabel ?? findDomain(taxonomy, part);
    if (typeof found === 'string') return { ok: false, message: found };
    if (!domains.includes(found.key)) domains.push(found.key);
  }
  return { ok: true, domains };
}

export type ModerationRefusal = { code: 'not_found' | 'conflict' | 'input_invalid'; message: string };

/** A submitted initiative is published or rejected once; a rejection says why. */
export function checkModeration(
  current: ModerationStatus | undefined,
  decision: ModerationDecision,
  reason: string | undefined,
  id: number,
): ModerationRefusal | undefined {
  if (current === undefined) return { code: 'not_found', message: `Initiative n° ${id} introuvable.` };
  if (current !== 'submitted') {
    return {
      code: 'conflict',
      message: `L’initiative n° ${id} est déjà ${MODERATION_LABELS[current]} : sa modération est close.`,
    };
  }
  if (decision === 'rejected' && (reason === undefined || reason.trim() === '')) {
    return { code: 'input_invalid', message: 'Un refus doit être motivé : précisez la raison (--reason).' };
  }
  return undefined;
}

/** The key by which an initiative is recognised again: same authority, year and title. */
export function initiativeIdentity(authorityId: number, year: number, title: string): string {
  return `${authorityId}|${year}|${normalizeFrench(title)}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Submitters, moderators and analysts are named by their e-mail address, in lower case. */
export function emailOrProblem(
  raw: string,
  option: string,
): { ok: true; email: string } | { ok: false; message: string } {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email)
    ? { ok: true, email }
    : {
        ok: false,
        message: `« ${raw} » n’est pas une adresse électronique : ${option} prenom.nom@exemple.fr`,
      };
}

/** An override changes the domains and says why. */
export function checkOverride(
  current: readonly string[],
  next: readonly string[],
  comment: string | undefined,
): string | undefined {
  if (comment === undefined || comment.trim() === '')
    return 'Une correction de domaines doit être motivée (--comment).';
  if (current.length === next.length && current.every((domain, index) => next[index] === domain)) {
    return `Les domaines sont déjà ${next.join(', ')} : rien à corriger.`;
  }
  return undefined;
}
