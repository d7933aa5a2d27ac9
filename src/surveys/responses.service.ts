import { refuseThrottledClient } from '../accounts/client-throttle.ts';
import { tokenHash } from '../accounts/tokens.ts';
import type { Executor } from '../db/transaction.ts';
import { inTransaction } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { type AnswerProblem, type Answers, validatePage, validateResponse } from './answers.rules.ts';
import { isOpen } from './campaign.rules.ts';
import { type Campaign, getCampaign } from './campaigns.repository.ts';

export interface OpenResponse {
  recipientId: number;
  authorityName: string;
  campaign: Campaign;
  /** Every answer saved so far, all pages together. */
  answers: Answers;
  /** Pages saved at least once. */
  savedPages: string[];
  submittedAt: string | null;
}

/** What opening a link gives: the response, or why not (without telling a guesser more). */
export type LinkOutcome =
  | { status: 'ok'; response: OpenResponse }
  | { status: 'unknown' }
  | { status: 'closed'; campaign: Campaign };

/**
 * Opens the response behind a link. A client that tried twenty unknown links in fifteen
 * minutes is refused whatever it tries next (the sign-in throttle's limits), so links cannot
 * be guessed by enumeration; with 256-bit tokens that is defence in depth.
 */
export async function openLink(db: Executor, token: string, client: string, now: Date): Promise<LinkOutcome> {
  await refuseThrottledClient(
    db,
    'survey_link_attempts',
    client,
    now,
    'Trop de liens inconnus essayés depuis cette adresse : réessayez dans 15 minutes.',
  );
  const link = /^[A-Za-z0-9_-]{20,100}$/.test(token)
    ? await db
        .selectFrom('survey_links as l')
        .innerJoin('survey_recipients as r', 'r.id', 'l.recipient_id')
        .innerJoin('survey_campaigns as c', 'c.id', 'r.campaign_id')
        .innerJoin('authorities as a', 'a.id', 'r.authority_id')
        .select(['r.id', 'r.submitted_at', 'c.slug', 'a.name'])
        .where('l.token_hash', '=', tokenHash(token))
        .executeTakeFirst()
    : undefined;
  if (!link) {
    await db
      .insertInto('survey_link_attempts')
      .values({ client, succeeded: 0, at: now.toISOString() })
      .execute();
    return { status: 'unknown' };
  }
  const campaign = await getCampaign(db, link.slug);
  if (!isOpen(campaign.closes_at, now) && link.submitted_at === null) return { status: 'closed', campaign };
  const pages = await db
    .selectFrom('survey_answers')
    .select(['page', 'answers'])
    .where('recipient_id', '=', link.id)
    .execute();
  const order = campaign.questionnaire.pages.map((page) => page.name);
  pages.sort((a, b) => order.indexOf(a.page) - order.indexOf(b.page));
  const answers: Answers = {};
  for (const page of pages) Object.assign(answers, JSON.parse(page.answers) as Answers);
  return {
    status: 'ok',
    response: {
      recipientId: link.id,
      authorityName: link.name,
      campaign,
      answers,
      savedPages: pages.map((page) => page.page),
      submittedAt: link.submitted_at,
    },
  };
}

/**
 * Saves one page: its answers are checked against its questions (display logic seen through
 * the answers of the earlier pages) and stored even when some are wrong, minus the wrong
 * values, so that nothing typed correctly is lost; the problems are returned for the page.
 */
export async function savePage(
  db: Executor,
  response: OpenResponse,
  pageName: string,
  pageAnswers: Answers,
  now: Date,
): Promise<{ problems: AnswerProblem[]; answers: Answers }> {
  if (response.submittedAt !== null) throw new UserError('conflict', 'Vos réponses ont déjà été envoyées.');
  const pages = response.campaign.questionnaire.pages;
  const index = pages.findIndex((page) => page.name === pageName);
  const page = pages[index];
  if (!page) throw new UserError('not_found', `Page « ${pageName} » inconnue.`);
  const earlier: Answers = {};
  for (const before of pages.slice(0, index))
    for (const question of before.questions) {
      const value = response.answers[question.name];
      if (value !== undefined) earlier[question.name] = value;
    }
  const checked = validatePage(page, pageAnswers, earlier);
  const row = {
    recipient_id: response.recipientId,
    page: page.name,
    answers: JSON.stringify(checked.answers),
    saved_at: now.toISOString(),
  };
  await db
    .insertInto('survey_answers')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['recipient_id', 'page']).doUpdateSet({ answers: row.answers, saved_at: row.saved_at }),
    )
    .execute();
  return { problems: checked.problems, answers: { ...response.answers, ...checked.answers } };
}

export type SubmitOutcome =
  | { status: 'submitted'; submittedAt: string }
  | { status: 'already_submitted'; submittedAt: string }
  | { status: 'invalid'; problems: (AnswerProblem & { page: string })[] };

/**
 * Submits a response once. The whole response is checked first; the submission itself is one
 * conditional update (`where submitted_at is null`), so two simultaneous submits record one
 * instant and the second one is told the response was already sent.
 */
export async function submitResponse(db: Executor, recipientId: number, now: Date): Promise<SubmitOutcome> {
  return inTransaction(db, async (trx) => {
    const recipient = await trx
      .selectFrom('survey_recipients as r')
      .innerJoin('survey_campaigns as c', 'c.id', 'r.campaign_id')
      .select(['r.submitted_at', 'c.slug'])
      .where('r.id', '=', recipientId)
      .executeTakeFirstOrThrow();
    if (recipient.submitted_at !== null)
      return { status: 'already_submitted', submittedAt: recipient.submitted_at };
    const campaign = await getCampaign(trx, recipient.slug);
    const rows = await trx
      .selectFrom('survey_answers')
      .select('answers')
      .where('recipient_id', '=', recipientId)
      .execute();
    const answers: Answers = Object.assign({}, ...rows.map((row) => JSON.parse(row.answers) as Answers));
    const checked = validateResponse(campaign.questionnaire, answers);
    if (checked.problems.length > 0) return { status: 'invalid', problems: checked.problems };
    const at = now.toISOString();
    const result = await trx
      .updateTable('survey_recipients')
      .set({ submitted_at: at })
      .where('id', '=', recipientId)
      .where('submitted_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return { status: 'submitted', submittedAt: at };
    const winner = await trx
      .selectFrom('survey_recipients')
      .select('submitted_at')
      .where('id', '=', recipientId)
      .executeTakeFirstOrThrow();
    return { status: 'already_submitted', submittedAt: winner.submitted_at ?? at };
  });
}
