import { ROLE_LABELS } from '../../accounts/accounts.rules.ts';
import type { SignedInUser } from '../../accounts/users.repository.ts';
import { Layout, type PageChrome } from '../layout/layout.tsx';

export interface AdminHomeView {
  user: SignedInUser;
  /** Back-office pages this person's role reaches, the home excepted. */
  links: readonly { href: string; label: string }[];
}

export function AdminHomePage({ chrome, view }: { chrome: PageChrome; view: AdminHomeView }) {
  return (
    <Layout chrome={chrome} title="Espace de gestion">
      <span class="govuk-caption-l">Espace de gestion</span>
      <h1 class="govuk-heading-l">Bonjour {view.user.name}</h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Adresse électronique</dt>
          <dd class="govuk-summary-list__value">{view.user.email}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Rôle</dt>
          <dd class="govuk-summary-list__value">{ROLE_LABELS[view.user.role]}</dd>
        </div>
      </dl>
      <h2 class="govuk-heading-m">Ce que vous pouvez faire</h2>
      {view.links.length ? (
        <ul class="govuk-list">
          {view.links.map((link) => (
            <li>
              <a class="govuk-link" href={link.href}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">
          Les pages de votre rôle ne sont pas encore ouvertes : elles apparaîtront ici.
        </p>
      )}
    </Layout>
  );
}
