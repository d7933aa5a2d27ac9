import type { SurveyProfile } from '../../src/db/schema.ts';
import type { Executor } from '../../src/db/transaction.ts';
import type { Mail } from '../../src/mail/mailer.ts';
import type { Answers } from '../../src/surveys/answers.rules.ts';
import { createCampaign } from '../../src/surveys/campaigns.service.ts';
import { importRecipients } from '../../src/surveys/recipients-import.ts';
import { openLink, savePage, submitResponse } from '../../src/surveys/responses.service.ts';
import { sendAndDeliver } from './job-queues.ts';
import { generatedResponse, seededRandom } from './survey-answers.ts';
import { linkIn, recipientsCsv } from './surveys.ts';

/**
 * A campaign created from a shipped template, its recipients (a CSV text) imported and
 * invited, and the first `submit` of them having answered every page with random valid
 * answers (`adjust` may rewrite them) and submitted: through the real services, as a
 * respondent would.
 */
export async function createAnsweredCampaign(
  db: Executor,
  input: {
    slug: string;
    template: string;
    edition: string;
    recipients: string;
    submit: number;
    now: Date;
    profile?: SurveyProfile;
    seed?: number;
    adjust?: (pages: Record<string, Answers>) => Record<string, Answers>;
  },
): Promise<void> {
  const { slug, now } = input;
  await createCampaign(
    db,
    {
      slug,
      template: input.template,
      edition: input.edition,
      closesAt: new Date(now.getTime() + 30 * 86_400_000),
      by: 'a@b.example',
    },
    now,
  );
  const actor = 'admin@b.example';
  const options = input.profile ? { now, actor, profile: input.profile } : { now, actor };
  await importRecipients(db, slug, recipientsCsv(input.recipients), options);
  const mails: Mail[] = [];
  await sendAndDeliver(db, slug, 'invitations', {
    mailer: { send: async (m: Mail) => void mails.push(m) },
    publicUrl: 'https://b.example',
    actor,
    now,
  });
  const random = seededRandom(input.seed ?? 3);
  for (const mail of mails.slice(0, input.submit)) {
    const opened = await openLink(db, linkIn(mail), '203.0.113.1', now);
    if (opened.status !== 'ok') throw new Error(opened.status);
    let response = opened.response;
    const generated = generatedResponse(response.campaign.questionnaire, random);
    const pages = input.adjust ? input.adjust(generated) : generated;
    for (const [page, answers] of Object.entries(pages)) {
      const saved = await savePage(db, response, page, answers, now);
      response = { ...response, answers: saved.answers };
    }
    await submitResponse(db, response.recipientId, now);
  }
}
