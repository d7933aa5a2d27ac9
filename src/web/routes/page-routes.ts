import { type Context, Hono } from 'hono';
import { searchQuery } from '../api/api-schemas.ts';
import type { PageChrome } from '../layout/layout.tsx';
import { AnalysesPage } from '../pages/analyses.tsx';
import { ApiPage } from '../pages/api-page.tsx';
import { AuthorityPage } from '../pages/authority.tsx';
import { HomePage } from '../pages/home.tsx';
import { MethodologyPage } from '../pages/methodology.tsx';
import { SEARCH_LIMIT, SearchPage } from '../pages/search.tsx';
import { ThemePage, ThemesPage } from '../pages/themes.tsx';
import type { WebServices } from '../web-services.ts';
import { loadAnalysesView, loadThemesView, loadThemeView } from './indicator-views.ts';
import { loadAuthorityView, loadHomeView } from './page-views.ts';
import { render } from './render.ts';

/** The page shell's settings for this request: its path and who is signed in. */
export type ChromeFor = (c: Context) => PageChrome;

/** Public pages: each handler validates, asks a service, renders. */
export function pageRoutes(services: WebServices, chromeFor: ChromeFor): Hono {
  const pages = new Hono();

  pages.get('/', async (c) =>
    render(c, HomePage({ chrome: chromeFor(c), view: await loadHomeView(services) })),
  );

  pages.get('/recherche', async (c) => {
    const raw = c.req.query('q');
    const chrome = chromeFor(c);
    if (raw === undefined) return render(c, SearchPage({ chrome, view: { query: '' } }));
    const parsed = searchQuery.shape.q.safeParse(raw);
    if (!parsed.success) {
      const message =
        raw.trim() === ''
          ? 'Saisissez un nom, un code INSEE ou un code postal'
          : 'Saisissez 100 caractères au plus';
      return render(c, SearchPage({ chrome, view: { query: raw, error: { field: 'q', message } } }), 400);
    }
    const hits = await services.search(parsed.data, SEARCH_LIMIT);
    return render(c, SearchPage({ chrome, view: { query: parsed.data, hits } }));
  });

  pages.get('/collectivites/:kind/:code', async (c) => {
    const view = await loadAuthorityView(services, c.req.param('kind'), c.req.param('code'));
    return render(c, AuthorityPage({ chrome: chromeFor(c), view }));
  });

  pages.get('/thematiques', async (c) =>
    render(
      c,
      ThemesPage({ chrome: chromeFor(c), view: await loadThemesView(services, c.req.query('type')) }),
    ),
  );
  pages.get('/thematiques/:key', async (c) => {
    const view = await loadThemeView(services, c.req.param('key'), c.req.query('type'));
    return render(c, ThemePage({ chrome: chromeFor(c), view }));
  });
  pages.get('/analyses', async (c) =>
    render(
      c,
      AnalysesPage({ chrome: chromeFor(c), view: await loadAnalysesView(services, c.req.query('type')) }),
    ),
  );

  pages.get('/methodologie', (c) => render(c, MethodologyPage({ chrome: chromeFor(c) })));
  pages.get('/api', (c) => render(c, ApiPage({ chrome: chromeFor(c) })));

  return pages;
}
