import { frenchTypography } from '../../shared/french-typography.ts';
import type { FieldError } from '../components/error-summary.tsx';

/** The search form, on the home page and the search page; GET so results have an address. */
export function SearchForm({ query = '', error }: { query?: string; error?: FieldError | undefined }) {
  return (
    <form action="/recherche" method="get" novalidate>
      <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <h2 class="govuk-label-wrapper">
          <label class="govuk-label govuk-label--m" for="q">
            Trouver une collectivité
          </label>
        </h2>
        <div id="q-hint" class="govuk-hint">
          {frenchTypography(
            'Nom, code INSEE, numéro SIREN ou code postal. Par exemple : Ain, 01053 ou 69001.',
          )}
        </div>
        {error ? (
          <p id="q-error" class="govuk-error-message">
            <span class="govuk-visually-hidden">{frenchTypography('Erreur :')}</span> {error.message}
          </p>
        ) : null}
        <input
          class={`govuk-input govuk-!-width-two-thirds${error ? ' govuk-input--error' : ''}`}
          id="q"
          name="q"
          type="search"
          value={query}
          autocomplete="off"
          spellcheck={false}
          aria-describedby={error ? 'q-hint q-error' : 'q-hint'}
        />
      </div>
      <button type="submit" class="govuk-button">
        Rechercher
      </button>
    </form>
  );
}
