import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { campaignResults } from '../surveys/analysis/campaign-results.service.ts';
import { submittedRespondents } from '../surveys/analysis/respondents.query.ts';
import { anonymisedResponses, anonymisedResponsesCsv } from '../surveys/analysis/responses-csv.rules.ts';
import { writeResponsesXlsx } from '../surveys/analysis/responses-xlsx.ts';
import { analyseCampaign } from '../surveys/analysis/survey-analysis.service.ts';
import { isOpen } from '../surveys/campaign.rules.ts';
import { openLink, savePage, submitResponse } from '../surveys/responses.service.ts';
import type { WebSurveys } from '../web/routes/survey-routes.ts';

/** The surveys domain as the web pages use it (src/web/routes/survey-routes.ts). */
export function buildWebSurveys(db: Executor, now: () => Date): WebSurveys {
  // An unknown campaign is a 404 on the site, not an error.
  const orUndefined = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (error) {
      if (error instanceof UserError && error.code === 'not_found') return undefined;
      throw error;
    }
  };
  const analysed = (slug: string) => orUndefined(() => analyseCampaign(db, slug));
  return {
    openLink: (token, client) => openLink(db, token, client, now()),
    savePage: (response, page, answers) => savePage(db, response, page, answers, now()),
    submit: (recipientId) => submitResponse(db, recipientId, now()),
    results: {
      async view(slug) {
        const results = await orUndefined(() => campaignResults(db, slug));
        if (!results) return undefined;
        return { ...results, closed: !isOpen(results.closesAt, now()) };
      },
      async csv(slug) {
        const found = await analysed(slug);
        if (!found) return undefined;
        const respondents = await submittedRespondents(db, found.campaign.id);
        return anonymisedResponsesCsv(found.campaign.questionnaire, respondents, found.analysis.weights);
      },
      async xlsx(slug) {
        const found = await analysed(slug);
        if (!found) return undefined;
        const respondents = await submittedRespondents(db, found.campaign.id);
        const table = anonymisedResponses(found.campaign.questionnaire, respondents, found.analysis.weights);
        // The workbook writer streams to a file: written in a private directory, read, removed.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-survey-xlsx-'));
        try {
          const file = path.join(dir, 'reponses.xlsx');
          await writeResponsesXlsx(table, file);
          return new Uint8Array(fs.readFileSync(file));
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    },
  };
}
