import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFarmBackOffice, type FarmBackOffice } from '../../../test/support/back-office-farm.ts';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { TEST_PASSWORD, type WebClient, webClient } from '../../../test/support/web-client.ts';

/**
 * An administrator runs an edition from the web over the fixture farm: create it, crawl its
 * sites in the background while the progress page reloads itself, fix a website and re-crawl
 * that site, compute, preview, publish after confirming; every change is in the audit log.
 */
describe.each(TEST_ENGINES)('edition management (%s)', (engine) => {
  let world: FarmBackOffice;
  let admin: WebClient;
  const YEAR = 2027;

  /** Reloads the progress page, as its meta refresh does, until the crawl is over. */
  async function waitForCrawl(): Promise<string> {
    for (let attempt = 0; attempt < 600; attempt++) {
      const html = await (await admin.get(`/admin/editions/${YEAR}/collecte`)).text();
      if (!html.includes('http-equiv="refresh"')) return html;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the crawl did not finish');
  }

  const actions = async () =>
    (await world.db.selectFrom('audit_log').select(['action', 'actor']).orderBy('id').execute()).filter(
      (row) => row.action !== 'user_created',
    );

  beforeAll(async () => {
    world = await createFarmBackOffice(engine, { sites: 2, pagesPerSite: 10 });
    admin = webClient(world.app);
    expect((await admin.signIn('admin@barometre.test', TEST_PASSWORD)).status).toBe(303);
  });
  afterAll(() => world?.close());

  it('creates an edition from a referential version, and says why a wrong year is refused', async () => {
    const bad = await admin.submit('/admin/editions', { annee: '27', referentiel: '2026.1' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Saisissez une année sur quatre chiffres');
    const existing = await admin.submit('/admin/editions', { annee: '2026', referentiel: '2026.1' });
    expect(existing.status).toBe(400);
    expect(await existing.text()).toContain('L’édition 2026 existe déjà');
    const created = await admin.submit('/admin/editions', { annee: String(YEAR), referentiel: '2026.1' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(`/admin/editions/${YEAR}`);
    expect(await (await admin.get(`/admin/editions/${YEAR}`)).text()).toContain('aucune collecte');
  });

  it('crawls every site in the background and shows progress, then errors by status per site', async () => {
    const started = await admin.submit(`/admin/editions/${YEAR}/collecte`, {});
    expect(started.status).toBe(303);
    const html = await waitForCrawl();
    expect(html).toContain('2 sur 2');
    for (const authority of world.authorities) expect(html).toContain(authority.homeUrl);
    expect(html).toContain('Erreurs par statut');
    const sites = await world.db.selectFrom('audit_sites').select(['status', 'pages']).execute();
    expect(sites.map((s) => s.status)).toEqual(['done', 'done']);
    expect(sites.every((s) => s.pages > 0)).toBe(true);
  });

  it('corrects a website and re-crawls that one site, whose errors then show by status', async () => {
    const [first] = world.authorities;
    if (!first) throw new Error('no site');
    const path = `/admin/editions/${YEAR}/site/departement/${first.code}`;
    const refused = await admin.submit(path, { url: 'ftp://example.org/' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Adresse refusée');
    // A page the farm does not have: the re-crawl meets a 404 on the start page.
    const wrongUrl = `${first.homeUrl}page-disparue`;
    const fixed = await admin.submit(path, { url: wrongUrl });
    expect(fixed.status).toBe(303);
    const html = await waitForCrawl();
    const runs = await world.db.selectFrom('audit_runs').select('id').orderBy('id').execute();
    expect(runs).toHaveLength(2);
    const lastRun = runs.at(-1)?.id ?? 0;
    const sites = await world.db
      .selectFrom('audit_sites')
      .select('start_url')
      .where('run_id', '=', lastRun)
      .execute();
    expect(sites).toEqual([{ start_url: wrongUrl }]);
    expect(html).toContain('1 sur 1');
    expect(html).toContain('page introuvable (404, 410) : ');
  });

  it('computes the indicators and previews the unpublished ranking and a scorecard', async () => {
    const computed = await admin.submit(`/admin/editions/${YEAR}/calcul`, {});
    expect(computed.status).toBe(200);
    expect(await computed.text()).toContain('Indicateurs calculés pour 2 collectivités');
    const preview = await (await admin.get(`/admin/editions/${YEAR}/apercu`)).text();
    const [first] = world.authorities;
    expect(preview).toContain(`/admin/editions/${YEAR}/apercu/departement/${first?.code}`);
    const card = await admin.get(`/admin/editions/${YEAR}/apercu/departement/${first?.code}`);
    expect(card.status).toBe(200);
    expect(await card.text()).toContain('indice de numérisation');
  });

  it('publishes only after the confirmation box is ticked, then refuses crawls of the frozen edition', async () => {
    const unconfirmed = await admin.submit(`/admin/editions/${YEAR}/publication`, {});
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Cochez la case');
    const published = await admin.submit(`/admin/editions/${YEAR}/publication`, { confirmation: 'oui' });
    expect(published.status).toBe(200);
    expect(await published.text()).toContain(`Édition ${YEAR} publiée`);
    const crawl = await admin.post(`/admin/editions/${YEAR}/collecte`, {});
    expect(crawl.status).toBe(409);
    expect(await crawl.text()).toContain('est publiée');
    const [first] = world.authorities;
    const site = await admin.submit(`/admin/editions/${YEAR}/site/departement/${first?.code}`, {
      url: 'https://ailleurs.example/',
    });
    expect(site.status).toBe(400);
    expect(await site.text()).toContain('n’est plus collectée');
    const current = await world.db
      .selectFrom('authority_websites')
      .select('url')
      .where('authority_id', '=', first?.id ?? 0)
      .where('retired_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(current.url).not.toBe('https://ailleurs.example/');
  });

  it('has logged each change with the administrator as its author', async () => {
    expect(await actions()).toEqual(
      [
        'edition_created',
        'crawl_started',
        'website_corrected',
        'crawl_started',
        'indicators_computed',
        'edition_published',
      ].map((action) => ({ action, actor: 'admin@barometre.test' })),
    );
  });
});
