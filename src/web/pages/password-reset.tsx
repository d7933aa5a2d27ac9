import { frenchTypography } from '../../shared/french-typography.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField, TextField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';

export interface ResetRequestView {
  csrfToken: string;
  email: string;
  errors: readonly FieldError[];
  /** The request was taken: the same answer whether an account exists or not. */
  sent: boolean;
}

export function ResetRequestPage({ chrome, view }: { chrome: PageChrome; view: ResetRequestView }) {
  const title = 'Mot de passe oublié';
  if (view.sent) {
    return (
      <Layout chrome={chrome} title={title}>
        <h1 class="govuk-heading-l">Vérifiez votre messagerie</h1>
        <p class="govuk-body">
          {frenchTypography(
            'Si un compte actif existe pour cette adresse, un courriel vient de lui être envoyé avec un lien valable une heure pour choisir un nouveau mot de passe.',
          )}
        </p>
        <p class="govuk-body">
          <a href="/connexion" class="govuk-link">
            Retour à la connexion
          </a>
        </p>
      </Layout>
    );
  }
  return (
    <FormPage chrome={chrome} title={title} errors={view.errors}>
      <h1 class="govuk-heading-l">{title}</h1>
      <form action="/compte/mot-de-passe-oublie" method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField
          id="email"
          label="Adresse électronique de votre compte"
          type="email"
          autocomplete="username"
          value={view.email}
          hint="Nous y enverrons un lien pour choisir un nouveau mot de passe."
          errors={view.errors}
        />
        <button type="submit" class="govuk-button">
          Recevoir un lien
        </button>
      </form>
    </FormPage>
  );
}

export interface NewPasswordView {
  csrfToken: string;
  token: string;
  errors: readonly FieldError[];
}

export function NewPasswordPage({ chrome, view }: { chrome: PageChrome; view: NewPasswordView }) {
  const title = 'Choisir un nouveau mot de passe';
  return (
    <FormPage chrome={chrome} title={title} errors={view.errors}>
      <h1 class="govuk-heading-l">{title}</h1>
      {view.token ? (
        <form action="/compte/mot-de-passe" method="post" novalidate>
          <CsrfField token={view.csrfToken} />
          <input type="hidden" name="jeton" value={view.token} />
          <TextField
            id="password"
            label="Nouveau mot de passe"
            type="password"
            autocomplete="new-password"
            hint="Au moins 12 caractères, sans l’identifiant de votre adresse électronique."
            errors={view.errors}
          />
          <TextField
            id="confirmation"
            label="Confirmez le mot de passe"
            type="password"
            autocomplete="new-password"
            errors={view.errors}
          />
          <button type="submit" class="govuk-button">
            Enregistrer le mot de passe
          </button>
        </form>
      ) : null}
      <p class="govuk-body">
        <a href="/compte/mot-de-passe-oublie" class="govuk-link">
          Demander un nouveau lien
        </a>
      </p>
    </FormPage>
  );
}
