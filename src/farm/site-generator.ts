import type { Referential } from '../referential/referential.schema.ts';
import { type ContentContext, renderEvents, renderJobs, renderMinutes, renderNews } from './content-pages.ts';
import type { DigitalisedLevel, ServiceTruth } from './farm.types.ts';
import {
  PAGE_SIZE,
  renderDemarchesIndex,
  renderHome,
  renderList,
  renderSitemapPage,
  renderThemePage,
} from './index-pages.ts';
import { type NavLink, type NavSection, SiteLayout } from './layout.ts';
import type { PlatformPages } from './platforms.ts';
import {
  accessibilityMentionLabel,
  accessibilityStatement,
  contactPage,
  contactServicePage,
  legalNotice,
  privacyPage,
  privateLoginPage,
} from './portal-pages.ts';
import { Rng } from './random.ts';
import { countDocuments, type FarmResponse } from './routes.ts';
import {
  applyConstruct,
  renderEservicesHost,
  renderLegacyHost,
  SECTION_SERVICES,
  sectionChannel,
} from './sections.ts';
import { planServices } from './service-levels.ts';
import { placeService, renderServicePage, type ServicePlacement } from './service-pages.ts';
import { finishSite, type GeneratedSite } from './site-finish.ts';
import { SitePaths } from './site-paths.ts';
import { drawSiteProfile } from './site-profile.ts';
import type { ResolvedSpec } from './site-specs.ts';
import { capitalise, slugify } from './text.ts';
import { setUpTraps } from './traps.ts';

/** One site of the farm: its pages on its hosts, and its ground truth. */

export interface SiteInput {
  seed: number;
  index: number;
  spec: ResolvedSpec;
  maturity: number;
  referential: Referential;
  pagesPerSite: number;
  allowHttps: boolean;
  redirectLoop: boolean;
  crawlDelay: boolean;
  platforms: PlatformPages;
}

export function generateSite(input: SiteInput): GeneratedSite {
  const { seed, spec, referential } = input;
  const stream = (label: string) => Rng.derive(seed, `${label}:${spec.code}`);
  const profile = drawSiteProfile(stream('profile'), {
    index: input.index,
    code: spec.code,
    name: spec.name,
    kind: spec.kind,
    maturity: input.maturity,
    domain: spec.domain,
    ...(spec.realHome === undefined ? {} : { realHome: spec.realHome }),
    allowHttps: input.allowHttps,
    redirectLoop: input.redirectLoop,
    crawlDelay: input.crawlDelay,
  });
  const responses = new Map<string, Map<string, FarmResponse>>();
  const placements: ServicePlacement[] = [];
  const ctx: ContentContext = {
    profile,
    layout: new SiteLayout(profile),
    paths: new SitePaths(profile.style, stream('paths')),
    platforms: input.platforms,
    rng: stream('content'),
    domain: spec.domain,
    placements,
    add(host, path, response) {
      let pages = responses.get(host);
      if (pages === undefined) {
        pages = new Map();
        responses.set(host, pages);
      }
      if (pages.has(path)) throw new Error(`farm: ${host}${path} generated twice`);
      pages.set(path, response);
    },
  };
  const { layout, paths, rng } = ctx;

  // Services, and the sections that stand for some of them.
  const themes = referential.themes.filter((theme) => theme.applies_to.includes(spec.kind));
  const themeNames = new Map(themes.map((theme) => [theme.key, theme.name]));
  const applicable = referential.services.filter((service) => service.applies_to.includes(spec.kind));
  const planned = planServices(
    stream('services'),
    applicable,
    input.maturity,
    profile.eservicesHost !== undefined,
  );
  const plannedByKey = new Map(planned.map((plan) => [plan.service.key, plan]));
  const sectionKey = (keys: readonly string[]) =>
    applicable.find((service) => keys.includes(service.key))?.key;
  const jobsKey = sectionKey(SECTION_SERVICES.jobs);
  const minutesKey = sectionKey(SECTION_SERVICES.minutes);
  const contactKey = sectionKey(SECTION_SERVICES.contact);
  const sectionKeys = new Set([jobsKey, minutesKey, contactKey]);
  const hasJobs = jobsKey === undefined || plannedByKey.has(jobsKey);
  const hasMinutes = minutesKey === undefined || plannedByKey.has(minutesKey);
  const hasContact = contactKey === undefined ? profile.contact : plannedByKey.has(contactKey);

  // Paths of the structure.
  paths.claim(profile.homePath);
  const vocabulary = profile.vocabulary;
  const demarchesPath = paths.index(slugify(vocabulary.demarches));
  const newsList = paths.index(slugify(vocabulary.news));
  const agendaList = paths.index(slugify(vocabulary.agenda));
  const jobsList = hasJobs ? paths.index(slugify(vocabulary.jobs)) : undefined;
  const minutesList = hasMinutes ? paths.index(slugify(vocabulary.minutes)) : undefined;
  const accessibilityPath = profile.accessibility === 'absente' ? undefined : paths.portal('accessibility');
  const legalPath = profile.legalNotice ? paths.portal('legal') : undefined;
  const contactPath = hasContact ? paths.portal('contact') : undefined;
  const sitemapPagePath = paths.portal('sitemap');
  const privacyPath = paths.portal('privacy');
  // Some sites link an area for elected members, often disallowed in robots.txt.
  const privatePaths = rng.chance(0.7)
    ? [paths.claim('/espace-prive/connexion'), paths.claim('/espace-prive/documents')]
    : [];
  const search = profile.search ? paths.search() : null;

  for (const plan of planned) {
    if (sectionKeys.has(plan.service.key)) continue;
    placements.push(placeService(ctx, plan, themeNames.get(plan.service.theme) ?? plan.service.theme));
  }
  const themeLinks: NavLink[] = themes
    .filter((theme) => placements.some((placement) => placement.service.theme === theme.key))
    .map((theme) => ({ label: theme.name, href: paths.index(slugify(theme.name)) }));

  const nav: NavSection[] = [
    { label: vocabulary.demarches, href: demarchesPath, items: [] },
    ...themeLinks.map((theme) => ({
      ...theme,
      items: rng
        .sample(
          placements.filter((placement) => placement.themeName === theme.label),
          5,
        )
        .map((placement) => ({ label: placement.service.name, href: placement.path })),
    })),
    {
      label: vocabulary.news,
      href: newsList,
      items: [
        { label: vocabulary.agenda, href: agendaList },
        ...(jobsList ? [{ label: vocabulary.jobs, href: jobsList }] : []),
        ...(minutesList ? [{ label: vocabulary.minutes, href: minutesList }] : []),
      ],
    },
  ];
  const footer: NavLink[] = [
    ...(legalPath ? [{ label: 'Mentions légales', href: legalPath }] : []),
    { label: 'Données personnelles', href: privacyPath },
    { label: 'Plan du site', href: sitemapPagePath },
    ...(contactPath ? [{ label: 'Contact', href: contactPath }] : []),
  ];
  const privateLink = privatePaths[0] === undefined ? null : { label: 'Espace élus', href: privatePaths[0] };
  layout.setChrome({
    nav,
    footer,
    accessibilityMention:
      accessibilityPath && profile.accessibility !== 'absente'
        ? { label: accessibilityMentionLabel(profile.accessibility), href: accessibilityPath }
        : null,
    search,
    privateArea: privateLink,
  });

  // Service pages.
  const truths: ServiceTruth[] = placements.map((placement) => {
    const related = rng
      .sample(
        placements.filter((other) => other !== placement),
        rng.int(0, 3),
      )
      .map((other) => ({ label: other.service.name, href: other.path }));
    return renderServicePage(ctx, placement, related);
  });
  const followUpHref = profile.eservicesHost
    ? layout.url('/mes-demandes', profile.eservicesHost)
    : layout.href('/mon-espace/mes-demandes');
  const sectionTruth = (key: string | undefined, path: string | undefined, level?: DigitalisedLevel) => {
    const plan = key === undefined ? undefined : plannedByKey.get(key);
    if (plan === undefined || path === undefined) return;
    const finalLevel = level ?? plan.level;
    const channel = sectionChannel(finalLevel);
    truths.push({ serviceKey: plan.service.key, level: finalLevel, url: layout.url(path), channel });
  };
  // A council's minutes are information: PDFs of minutes are not forms.
  sectionTruth(minutesKey, minutesList, 1);
  const jobsLevel = jobsKey === undefined ? 3 : (plannedByKey.get(jobsKey)?.level ?? 3);
  sectionTruth(jobsKey, jobsList);
  const contactLevel = contactKey === undefined ? undefined : plannedByKey.get(contactKey)?.level;
  sectionTruth(contactKey, contactPath);

  // Bulk content, sized to the page budget.
  const budget = Math.max(0, input.pagesPerSite - countDocuments(responses) - themeLinks.length - 12);
  const newsCount = Math.max(8, Math.round(budget * 0.45));
  const eventCount = Math.max(3, Math.round(budget * 0.2));
  const jobCount = hasJobs ? Math.max(2, Math.round(budget * 0.12)) : 0;
  const minutesCount = hasMinutes ? Math.max(2, Math.round((budget * 0.2) / 2)) : 0;
  const events = renderEvents(ctx, eventCount);
  const traps = setUpTraps(ctx, {
    newsList,
    newsPages: Math.ceil(newsCount / PAGE_SIZE),
    agendaList,
    events,
    search: search ?? paths.search(),
    redirectTargets: [
      ...rng
        .sample(
          placements.filter((placement) => placement.thirdParty?.httpRedirect !== true),
          2,
        )
        .map((placement) => ({ label: placement.service.name, href: placement.path })),
      { label: vocabulary.agenda, href: agendaList },
    ],
  });
  const news = renderNews(ctx, newsCount, traps.articleLinks);
  const homeLinks = [...traps.homeLinks, ...traps.articleLinks.slice(newsCount)];
  if (profile.eservicesHost)
    homeLinks.push({ label: 'Portail des démarches en ligne', href: layout.url('/', profile.eservicesHost) });
  renderList(ctx, newsList, vocabulary.news, news, { endless: profile.infinite === 'pagination' });
  renderList(ctx, agendaList, vocabulary.agenda, events, {
    endless: false,
    extra: `<p>${layout.a(new URL(traps.calendarEntry).pathname + new URL(traps.calendarEntry).search, 'Voir le calendrier')}</p>`,
  });
  if (jobsList) {
    const apply = applyConstruct(ctx, jobsLevel, followUpHref);
    const jobs = renderJobs(ctx, jobCount, apply);
    const title =
      jobsKey === undefined ? vocabulary.jobs : (plannedByKey.get(jobsKey)?.service.name ?? vocabulary.jobs);
    renderList(ctx, jobsList, title, jobs, { endless: false, intro: `<h2>Comment postuler ?</h2>${apply}` });
  }
  let legacyPages: string[] = [];
  if (minutesList) {
    const sessions = renderMinutes(ctx, minutesCount);
    if (profile.legacyHost) legacyPages = renderLegacyHost(ctx, profile.legacyHost);
    const archive = profile.legacyHost
      ? `<p><a href="http://${profile.legacyHost}/">Archives des séances antérieures</a></p>`
      : '';
    const title =
      minutesKey === undefined
        ? vocabulary.minutes
        : (plannedByKey.get(minutesKey)?.service.name ?? vocabulary.minutes);
    renderList(ctx, minutesList, title, sessions, { endless: false, extra: archive });
  }

  // Index and portal pages.
  for (const theme of themeLinks) {
    // A generic intro: the referential's theme descriptions list services the site may not offer.
    const intro = rng.pick([
      `Retrouvez ici les démarches et informations de la rubrique « ${theme.label} ».`,
      'Toutes les informations pratiques et les démarches de cette rubrique.',
      `${capitalise(profile.words.the)} vous accompagne au quotidien.`,
    ]);
    renderThemePage(ctx, theme.href, theme.label, intro);
  }
  renderDemarchesIndex(ctx, demarchesPath, themeLinks);
  renderHome(ctx, { news, events, newsList, agendaList, extraLinks: homeLinks });
  const page = (path: string | undefined, title: string, main: () => string) => {
    if (path !== undefined) ctx.add(profile.mainHost, path, layout.page(title, main()));
  };
  page(accessibilityPath, 'Déclaration d’accessibilité', () => accessibilityStatement(ctx));
  page(legalPath, 'Mentions légales', () => legalNotice(ctx));
  page(contactPath, 'Contact', () =>
    contactLevel === undefined ? contactPage(ctx) : contactServicePage(ctx, contactLevel, followUpHref),
  );
  page(privacyPath, 'Données personnelles', () => privacyPage(ctx));
  page(privatePaths[0], 'Espace élus', privateLoginPage);
  page(privatePaths[1], 'Documents de séance', () => '<h1>Documents de séance</h1><p>Accès réservé.</p>');
  renderSitemapPage(ctx, sitemapPagePath, [
    { label: vocabulary.demarches, href: demarchesPath },
    ...themeLinks,
    { label: vocabulary.news, href: newsList },
    { label: vocabulary.agenda, href: agendaList },
    ...(jobsList ? [{ label: vocabulary.jobs, href: jobsList }] : []),
    ...(minutesList ? [{ label: vocabulary.minutes, href: minutesList }] : []),
  ]);
  if (profile.eservicesHost) {
    const online = truths.filter((truth) =>
      truth.platformUrl?.startsWith(`${profile.scheme}://${profile.eservicesHost}/`),
    );
    renderEservicesHost(
      ctx,
      profile.eservicesHost,
      online.map((truth) => ({
        href: new URL(truth.platformUrl ?? '/').pathname,
        label: applicable.find((service) => service.key === truth.serviceKey)?.name ?? truth.serviceKey,
      })),
    );
  } else if (truths.some((truth) => truth.channel === 'account-followup')) {
    ctx.add(
      profile.mainHost,
      '/mon-espace/mes-demandes',
      layout.page(
        'Suivre mes demandes',
        '<h1>Suivre mes demandes</h1><p>Connectez-vous à votre compte pour suivre vos demandes.</p>',
      ),
    );
  }

  if (profile.homePath !== '/') {
    ctx.add(profile.mainHost, '/', {
      status: 302,
      headers: { location: layout.url(profile.homePath) },
      body: [],
    });
  }
  return finishSite({
    ctx,
    responses,
    truths,
    traps,
    news,
    events,
    legacyPages,
    privatePaths,
    portalPaths: {
      ...(accessibilityPath === undefined ? {} : { accessibility: accessibilityPath }),
      ...(legalPath === undefined ? {} : { legal: legalPath }),
      ...(contactPath === undefined ? {} : { contact: contactPath }),
    },
    referential,
  });
}
