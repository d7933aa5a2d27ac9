import type { Context } from 'hono';
import { canManageSurveys } from '../../accounts/authorization.rules.ts';
import type { SurveyProfile } from '../../db/schema.ts';
import { type InputProblem, UserError } from '../../shared/errors.ts';
import { parseProfile } from '../../surveys/campaign.rules.ts';
import type { SendReport } from '../../surveys/campaigns.service.ts';
import type { RecipientsImportReport } from '../../surveys/recipients-import.ts';
import type { ResponseRates } from '../../surveys/response-rates.rules.ts';
import type { FieldError } from '../components/error-summary.tsx';
import {
  CampaignStatusPage,
  CampaignsAdminPage,
  campaignAdminPath,
  NewCampaignPage,
  type NewCampaignValues,
  RecipientsImportPage,
} from '../pages/admin-surveys.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { type Attempt, attempt, csrfOf, signedIn } from './back-office-forms.ts';
import { formFields } from './form-body.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

type Ctx = Context<AppEnv>;

export interface CampaignOverview {
  slug: string;
  title: string;
  template: string;
  edition: string;
  closesAt: string;
  open: boolean;
  rates: ResponseRates;
}

/** What the survey back office asks of the surveys domain, wired in src/main/web-survey-admin.ts. */
export interface SurveyAdminServices {
  campaigns(): Promise<CampaignOverview[]>;
  campaign(slug: string): Promise<CampaignOverview>;
  templates(): { template: string; editions: string[] }[];
  create(
    input: { slug: string; title?: string; template: string; edition: string; closesAt: Date },
    actor: string,
  ): Promise<{ slug: string }>;
  /** All or nothing; a refused file throws a UserError listing each problem with its line. */
  importRecipients(
    slug: string,
    upload: { name: string; bytes: Uint8Array },
    options: { actor: string; profile?: SurveyProfile },
  ): Promise<RecipientsImportReport>;
  /** Refused with a French message when BAROMETRE_PUBLIC_URL is not set, as on the command line. */
  send(slug: string, mode: 'invitations' | 'reminders', actor: string): Promise<SendReport>;
  /** Whether links can be written in e-mails (BAROMETRE_PUBLIC_URL is set). */
  canSend: boolean;
}

/** Largest recipients file accepted from the browser: thousands of lines fit well below. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const NOTICES: Record<string, (q: (name: string) => string | undefined) => string> = {
  creee: () => 'Enquête créée : importez maintenant ses destinataires.',
  importes: (q) =>
    `Destinataires importés : ${q('ajoutes') ?? '0'} ajouté(s), ${q('presents') ?? '0'} déjà présent(s).`,
  // Queued, not yet sent: `mail-batch` jobs send them (retried if the relay fails).
  invitations: (q) => `${q('envoyes') ?? '0'} invitation(s) mise(s) en file d’envoi.`,
  relances: (q) => `${q('envoyes') ?? '0'} relance(s) mise(s) en file d’envoi.`,
};

/** A problem of a refused file as one line of the error summary: line, column, message. */
export function problemLine(problem: InputProblem): string {
  const where = [
    problem.line === undefined ? '' : `ligne ${problem.line}`,
    problem.column ? `colonne « ${problem.column} »` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where.charAt(0).toUpperCase()}${where.slice(1)} : ${problem.message}` : problem.message;
}

/** Runs an import: a refused file comes back as its message then one error per located problem. */
async function importAttempt<T>(work: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof UserError) || error.code === 'forbidden') throw error;
    return {
      ok: false,
      errors: [
        { field: 'fichier', message: error.message },
        ...error.problems.map((problem) => ({ field: 'fichier', message: problemLine(problem) })),
      ],
    };
  }
}

function parseClosing(raw: string): Date | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(raw);
  if (!match) return undefined;
  // The end of the day in Paris, as the command line reads a bare date.
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T23:59:59+01:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Surveys for administrators: campaigns, creation, recipients, invitations, response rates. */
export function surveyAdminRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  const surveys = (): SurveyAdminServices => {
    if (!services.surveyAdmin) throw new UserError('not_found', 'Les enquêtes ne sont pas disponibles ici.');
    return services.surveyAdmin;
  };
  const slugOf = (c: Ctx) => c.req.param('slug') ?? '';

  const statusPage = async (c: Ctx, errors: FieldError[] = []) => {
    const campaign = await surveys().campaign(slugOf(c));
    const notice = NOTICES[c.req.query('fait') ?? '']?.((name) => c.req.query(name));
    const view = { campaign, canSend: surveys().canSend, csrfToken: csrfOf(c), notice, errors };
    return render(c, CampaignStatusPage({ chrome: chromeFor(c), view }), errors.length ? 409 : 200);
  };

  const newCampaignPage = (c: Ctx, values: NewCampaignValues, errors: FieldError[]) =>
    render(
      c,
      NewCampaignPage({
        chrome: chromeFor(c),
        view: { csrfToken: csrfOf(c), templates: surveys().templates(), values, errors },
      }),
      errors.length ? 400 : 200,
    );

  const importPage = async (c: Ctx, errors: FieldError[], profile = '') => {
    const campaign = await surveys().campaign(slugOf(c));
    const view = { campaign, csrfToken: csrfOf(c), profile, errors };
    return render(c, RecipientsImportPage({ chrome: chromeFor(c), view }), errors.length ? 400 : 200);
  };

  return [
    adminRoute(
      'GET',
      '/admin/enquetes',
      canManageSurveys,
      async (c) =>
        render(
          c,
          CampaignsAdminPage({ chrome: chromeFor(c), view: { campaigns: await surveys().campaigns() } }),
        ),
      'Enquêtes : campagnes, destinataires, invitations, taux de réponse',
    ),
    adminRoute('GET', '/admin/enquetes/nouvelle', canManageSurveys, (c) =>
      newCampaignPage(c, { slug: '', title: '', model: '', closes: '' }, []),
    ),
    adminRoute('POST', '/admin/enquetes/nouvelle', canManageSurveys, async (c) => {
      const field = await formFields(c);
      const values = {
        slug: field('identifiant').trim(),
        title: field('titre').trim(),
        model: field('modele'),
        closes: field('cloture').trim(),
      };
      const errors: FieldError[] = [];
      if (!values.slug)
        errors.push({ field: 'identifiant', message: 'Saisissez l’identifiant de l’enquête' });
      const [template, edition] = values.model.split('/');
      const known = surveys()
        .templates()
        .some((t) => t.template === template && t.editions.includes(edition ?? ''));
      if (!known || !template || !edition)
        errors.push({ field: 'modele', message: 'Choisissez un questionnaire' });
      const closesAt = parseClosing(values.closes);
      if (!closesAt)
        errors.push({
          field: 'cloture',
          message: 'Saisissez la date de clôture au format AAAA-MM-JJ, par exemple 2026-12-31',
        });
      if (errors.length || !template || !edition || !closesAt) return newCampaignPage(c, values, errors);
      const created = await attempt('identifiant', () =>
        surveys().create(
          {
            slug: values.slug,
            template,
            edition,
            closesAt,
            ...(values.title ? { title: values.title } : {}),
          },
          signedIn(c).email,
        ),
      );
      if (!created.ok) return newCampaignPage(c, values, created.errors);
      return c.redirect(`${campaignAdminPath(created.value.slug)}?fait=creee`, 303);
    }),
    adminRoute('GET', '/admin/enquetes/:slug', canManageSurveys, (c) => statusPage(c)),
    adminRoute('POST', '/admin/enquetes/:slug', canManageSurveys, async (c) => {
      const action = (await formFields(c))('action');
      const mode = action === 'inviter' ? 'invitations' : action === 'relancer' ? 'reminders' : undefined;
      if (!mode) return statusPage(c, [{ field: 'action', message: 'Action inconnue' }]);
      const done = await attempt('action', () => surveys().send(slugOf(c), mode, signedIn(c).email));
      if (!done.ok) return statusPage(c, done.errors);
      const fait = mode === 'invitations' ? 'invitations' : 'relances';
      return c.redirect(`${campaignAdminPath(slugOf(c))}?fait=${fait}&envoyes=${done.value.queued}`, 303);
    }),
    adminRoute('GET', '/admin/enquetes/:slug/destinataires', canManageSurveys, (c) => importPage(c, [])),
    adminRoute('POST', '/admin/enquetes/:slug/destinataires', canManageSurveys, async (c) => {
      const body = await c.req.parseBody();
      const file = body.fichier;
      const rawProfile = typeof body.profil === 'string' ? body.profil : '';
      const profile = rawProfile ? parseProfile(rawProfile) : undefined;
      if (rawProfile && !profile)
        return importPage(c, [{ field: 'profil', message: 'Choisissez un profil de la liste' }], rawProfile);
      if (!(file instanceof File) || file.size === 0)
        return importPage(
          c,
          [{ field: 'fichier', message: 'Choisissez un fichier CSV de destinataires' }],
          rawProfile,
        );
      if (file.size > MAX_UPLOAD_BYTES)
        return importPage(
          c,
          [{ field: 'fichier', message: 'Le fichier dépasse 5 Mo : découpez-le' }],
          rawProfile,
        );
      const bytes = new Uint8Array(await file.arrayBuffer());
      const done = await importAttempt(() =>
        surveys().importRecipients(
          slugOf(c),
          { name: file.name || 'destinataires.csv', bytes },
          { actor: signedIn(c).email, ...(profile ? { profile } : {}) },
        ),
      );
      if (!done.ok) return importPage(c, done.errors, rawProfile);
      const { added, alreadyPresent } = done.value;
      return c.redirect(
        `${campaignAdminPath(slugOf(c))}?fait=importes&ajoutes=${added}&presents=${alreadyPresent}`,
        303,
      );
    }),
  ];
}
