import { frenchTypography } from '../../shared/french-typography.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField, TextField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import type { PageChrome } from '../layout/layout.tsx';

export interface SignInView {
  csrfToken: string;
  email: string;
  returnTo: string;
  errors: readonly FieldError[];
  /** Shown after a password reset. */
  notice?: string;
}

export function SignInPage({ chrome, view }: { chrome: PageChrome; view: SignInView }) {
  return (
    <FormPage chrome={chrome} title="Se connecter" errors={view.errors}>
      {view.notice ? (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title">Succès</h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">{view.notice}</p>
          </div>
        </div>
      ) : null}
      <h1 class="govuk-heading-l">Se connecter</h1>
      <p class="govuk-body">
        {frenchTypography('Espace réservé à l’équipe de l’étude et aux représentants des collectivités.')}
      </p>
      <form action="/connexion" method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <input type="hidden" name="retour" value={view.returnTo} />
        <TextField
          id="email"
          label="Adresse électronique"
          type="email"
          autocomplete="username"
          value={view.email}
          errors={view.errors}
        />
        <TextField
          id="password"
          label="Mot de passe"
          type="password"
          autocomplete="current-password"
          errors={view.errors}
        />
        <button type="submit" class="govuk-button">
          Se connecter
        </button>
      </form>
      <p class="govuk-body">
        <a href="/compte/mot-de-passe-oublie" class="govuk-link">
          Mot de passe oublié ?
        </a>
      </p>
    </FormPage>
  );
}
