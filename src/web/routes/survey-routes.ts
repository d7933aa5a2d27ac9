import { type Context, Hono } from 'hono';
import { UserError } from '../../shared/errors.ts';
import { formatDateInFrance } from '../../shared/french-typography.ts';
import type { AnswerProblem, Answers } from '../../surveys/answers.rules.ts';
import { readPageForm } from '../../surveys/form-answers.rules.ts';
import type { LinkOutcome, OpenResponse, SubmitOutcome } from '../../surveys/responses.service.ts';
import { isVisible } from '../../surveys/visibility.ts';
import type { TlsSettings } from '../middleware/security-headers.ts';
import {
  type ResponseHeader,
  SurveyMessagePage,
  SurveyQuestionsPage,
  SurveyReviewPage,
  SurveyStartPage,
} from '../pages/survey-response.tsx';
import { clientAddress } from '../session/client-address.ts';
import { formToken } from '../session/csrf.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';
import { surveyResultRoutes, type WebSurveyResults } from './survey-result-routes.ts';

/** What the survey pages ask of the surveys domain, wired in src/main/web.ts. */
export interface WebSurveys {
  openLink(token: string, client: string): Promise<LinkOutcome>;
  savePage(response: OpenResponse, page: string, answers: Answers): Promise<{ problems: AnswerProblem[] }>;
  submit(recipientId: number): Promise<SubmitOutcome>;
  results: WebSurveyResults;
}

/**
 * The respondents' pages, /enquete/{token}: one page of questions at a time, saved on each
 * « Enregistrer et continuer », resumable with the same link, sent once. The token is in the
 * path, so these pages are never cached nor sent as referrer.
 */
export function surveyRoutes(options: {
  services: WebServices;
  chromeFor: ChromeFor;
  tls: TlsSettings;
}): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const maybe = options.services.surveys;
  if (!maybe) return routes;
  const surveys: WebSurveys = maybe;
  const { chromeFor, tls } = options;
  routes.route('/', surveyResultRoutes(surveys.results, chromeFor));

  const message = (c: Context<AppEnv>, title: string, lines: string[], status: 200 | 404 | 409 | 429 = 200) =>
    render(c, SurveyMessagePage({ chrome: chromeFor(c), title, lines }), status);

  routes.use('/enquete/*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
  });

  /** The open response behind the link, or the page saying why there is none. */
  async function open(c: Context<AppEnv>): Promise<OpenResponse | Response> {
    let outcome: LinkOutcome;
    try {
      outcome = await surveys.openLink(c.req.param('token') ?? '', clientAddress(c, tls.trustProxy));
    } catch (error) {
      if (error instanceof UserError && error.code === 'unauthenticated')
        return message(c, 'Trop de tentatives', [error.message], 429);
      throw error;
    }
    if (outcome.status === 'unknown')
      return message(
        c,
        'Lien inconnu',
        [
          'Ce lien d’enquête n’existe pas. Vérifiez que vous avez copié l’adresse en entier depuis le courriel reçu.',
        ],
        404,
      );
    if (outcome.status === 'closed')
      return message(c, 'Enquête close', [
        `L’enquête « ${outcome.campaign.title} » est close depuis le ${formatDateInFrance(outcome.campaign.closes_at)} : elle n’accepte plus de réponses.`,
      ]);
    return outcome.response;
  }

  const headerOf = (c: Context<AppEnv>, response: OpenResponse): ResponseHeader => ({
    campaignTitle: response.campaign.title,
    authorityName: response.authorityName,
    base: `/enquete/${c.req.param('token')}`,
    closesAt: response.campaign.closes_at,
  });
  /** After a submission; `first` only for the request that recorded it (a double click gets the other). */
  const thanks = (c: Context<AppEnv>, response: OpenResponse, at: string, first = false) =>
    message(c, 'Réponses envoyées', [
      first
        ? `Merci : vos réponses à l’enquête « ${response.campaign.title} » ont été envoyées le ${formatDateInFrance(at)}.`
        : `Vos réponses à l’enquête « ${response.campaign.title} » avaient déjà été envoyées le ${formatDateInFrance(at)}.`,
      'Elles ne peuvent plus être modifiées. Les résultats seront publiés sur ce site, de façon agrégée.',
    ]);

  routes.get('/enquete/:token', async (c) => {
    const response = await open(c);
    if (response instanceof Response) return response;
    if (response.submittedAt) return thanks(c, response, response.submittedAt);
    const { questionnaire } = response.campaign;
    return render(
      c,
      SurveyStartPage({
        chrome: chromeFor(c),
        header: headerOf(c, response),
        ...(questionnaire.description ? { description: questionnaire.description } : {}),
        pages: [
          ...questionnaire.pages.map((p) => ({
            name: p.name,
            title: p.title,
            saved: response.savedPages.includes(p.name),
          })),
          { name: 'envoi', title: 'Envoyer mes réponses', saved: false },
        ],
      }),
    );
  });

  routes.get('/enquete/:token/envoi', async (c) => {
    const response = await open(c);
    if (response instanceof Response) return response;
    if (response.submittedAt) return thanks(c, response, response.submittedAt);
    return render(
      c,
      SurveyReviewPage({
        chrome: chromeFor(c),
        header: headerOf(c, response),
        problems: [],
        csrfToken: formToken(c, tls),
      }),
    );
  });

  routes.post('/enquete/:token/envoi', async (c) => {
    const response = await open(c);
    if (response instanceof Response) return response;
    const outcome = await surveys.submit(response.recipientId);
    if (outcome.status !== 'invalid')
      return thanks(c, response, outcome.submittedAt, outcome.status === 'submitted');
    const titles = new Map(response.campaign.questionnaire.pages.map((p) => [p.name, p.title]));
    const problems = outcome.problems.map((p) => ({ ...p, pageTitle: titles.get(p.page) ?? p.page }));
    return render(
      c,
      SurveyReviewPage({
        chrome: chromeFor(c),
        header: headerOf(c, response),
        problems,
        csrfToken: formToken(c, tls),
      }),
      400,
    );
  });

  const questionsPage = (
    c: Context<AppEnv>,
    response: OpenResponse,
    pageName: string,
    values: Answers,
    errors: AnswerProblem[],
  ) => {
    const pages = response.campaign.questionnaire.pages;
    const index = pages.findIndex((p) => p.name === pageName);
    const page = pages[index];
    if (!page) return undefined;
    const context = values;
    const questions = page.questions.filter(
      (q) => isVisible(q, context) || errors.some((e) => e.question === q.name),
    );
    return render(
      c,
      SurveyQuestionsPage({
        chrome: chromeFor(c),
        header: headerOf(c, response),
        page,
        position: { index, count: pages.length },
        questions,
        values,
        errors,
        csrfToken: formToken(c, tls),
      }),
      errors.length > 0 ? 400 : 200,
    );
  };

  routes.get('/enquete/:token/:page', async (c) => {
    const response = await open(c);
    if (response instanceof Response) return response;
    if (response.submittedAt) return thanks(c, response, response.submittedAt);
    return questionsPage(c, response, c.req.param('page'), response.answers, []) ?? c.notFound();
  });

  routes.post('/enquete/:token/:page', async (c) => {
    const response = await open(c);
    if (response instanceof Response) return response;
    if (response.submittedAt) return thanks(c, response, response.submittedAt);
    const pages = response.campaign.questionnaire.pages;
    const index = pages.findIndex((p) => p.name === c.req.param('page'));
    const page = pages[index];
    if (!page) return c.notFound();
    const body = await c.req.parseBody({ all: true });
    const values = (name: string) => {
      const value = body[name];
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      return list.filter((v): v is string => typeof v === 'string');
    };
    const read = readPageForm(page, values);
    const saved = await surveys.savePage(response, page.name, read.answers);
    const problems = [
      ...read.problems,
      ...saved.problems.filter((p) => !read.problems.some((r) => r.question === p.question)),
    ];
    if (problems.length > 0) {
      // Show back what was typed, including what could not be read.
      const typed: Answers = { ...read.answers };
      for (const question of page.questions) {
        if (question.type === 'number' || question.type === 'rating') {
          const raw = values(question.name)[0];
          if (raw !== undefined && raw !== '' && typed[question.name] === undefined)
            typed[question.name] = raw;
        }
        if (question.type === 'ranking' && typed[question.name] === undefined) {
          typed[question.name] = Object.fromEntries(
            question.choices.map((choice) => [
              choice.value,
              values(`${question.name}.${choice.value}`)[0] ?? '',
            ]),
          );
        }
      }
      const pageValues = Object.fromEntries(
        Object.entries(response.answers).filter(([name]) => !page.questions.some((q) => q.name === name)),
      );
      return questionsPage(c, response, page.name, { ...pageValues, ...typed }, problems);
    }
    const next = pages[index + 1];
    return c.redirect(`/enquete/${c.req.param('token')}/${next ? next.name : 'envoi'}`, 303);
  });

  return routes;
}
