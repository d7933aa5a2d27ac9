import type { SurveyProfile } from '../db/schema.ts';
import { formatDateInFrance } from '../shared/french-typography.ts';

/** Pure rules of campaigns: identifiers, profiles, size bands, e-mails, links. */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugProblem(slug: string): string | undefined {
  if (slug.length < 3 || slug.length > 60 || !SLUG_PATTERN.test(slug))
    return `identifiant « ${slug} » invalide : 3 à 60 caractères, minuscules, chiffres et tirets (ex. « maturite-2026 »)`;
  return undefined;
}

const PROFILE_NAMES: Record<string, SurveyProfile> = {
  agent: 'agent',
  agente: 'agent',
  elu: 'elu',
  elue: 'elu',
  élu: 'elu',
  élue: 'elu',
  collectivite: 'collectivite',
  collectivité: 'collectivite',
};

export const PROFILE_LABELS: Record<SurveyProfile, string> = {
  agent: 'Agents',
  elu: 'Élus',
  collectivite: 'Collectivités',
};

export function parseProfile(text: string): SurveyProfile | undefined {
  return PROFILE_NAMES[text.trim().toLowerCase()];
}

/**
 * Size bands of the surveys, the same for every kind of authority: coarse enough for cells of
 * five respondents, and the bands the « Maturité numérique » questionnaire asks about.
 */
export type SizeBand = 'lt3500' | '3500-19999' | '20000-99999' | 'ge100000' | 'unknown';
export const SIZE_BANDS: readonly SizeBand[] = ['lt3500', '3500-19999', '20000-99999', 'ge100000', 'unknown'];
export const SIZE_LABELS: Record<SizeBand, string> = {
  lt3500: 'Moins de 3 500 habitants',
  '3500-19999': '3 500 à 19 999 habitants',
  '20000-99999': '20 000 à 99 999 habitants',
  ge100000: '100 000 habitants ou plus',
  unknown: 'Population inconnue',
};

export function sizeBand(population: number | null): SizeBand {
  if (population === null) return 'unknown';
  if (population < 3_500) return 'lt3500';
  if (population < 20_000) return '3500-19999';
  if (population < 100_000) return '20000-99999';
  return 'ge100000';
}

/** Whether the campaign still accepts answers at `now`. */
export function isOpen(closesAt: string, now: Date): boolean {
  return now.getTime() < new Date(closesAt).getTime();
}

export function surveyLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/enquete/${token}`;
}

/** The invitation or reminder e-mail: who asks, why, the personal link, until when. */
export function invitationMail(input: {
  title: string;
  authorityName: string;
  link: string;
  closesAt: string;
  reminder: boolean;
}): { subject: string; text: string } {
  const subject = `${input.reminder ? 'Rappel : ' : ''}enquête « ${input.title} »`;
  const text = [
    'Bonjour,',
    '',
    input.reminder
      ? `Vous n’avez pas encore répondu à l’enquête « ${input.title} » au titre de ${input.authorityName}. Il est encore temps : vos réponses déjà saisies sont conservées.`
      : `Baromètre vous invite à répondre à l’enquête « ${input.title} » au titre de ${input.authorityName}.`,
    '',
    'Votre lien personnel (ne le transmettez pas : il donne accès à vos réponses) :',
    input.link,
    '',
    `Vous pouvez vous interrompre et reprendre plus tard ; les réponses sont enregistrées à chaque page. Le lien est valable jusqu’au ${formatDateInFrance(input.closesAt)}.`,
    '',
    'Les résultats sont publiés de façon agrégée : ni votre adresse électronique ni vos commentaires ne sont publiés.',
    '',
    '— Baromètre',
  ].join('\n');
  return { subject, text };
}

/** E-mails per `mail-batch` job: one job stays well within its lease on a slow relay. */
export const MAILS_PER_BATCH = 200;

/**
 * Splits a send into the batches of `mail-batch` jobs. A batch records each address it sent to
 * once, and one address may be a recipient for two authorities of a campaign (a secretary of two
 * communes, each with its own link): such e-mails go to different batches, so neither is taken
 * for the other. `key` names each batch for good, the same on every retry of its job.
 */
export function mailBatches<M extends { to: string }>(
  mails: readonly M[],
  key: string,
  size = MAILS_PER_BATCH,
): { batchKey: string; mails: M[] }[] {
  const batches: { addresses: Set<string>; mails: M[] }[] = [];
  for (const mail of mails) {
    let batch = batches.find((b) => b.mails.length < size && !b.addresses.has(mail.to));
    if (!batch) {
      batch = { addresses: new Set(), mails: [] };
      batches.push(batch);
    }
    batch.addresses.add(mail.to);
    batch.mails.push(mail);
  }
  return batches.map((batch, index) => ({ batchKey: `${key}:${index + 1}`, mails: batch.mails }));
}
