import { AUTHORITY_KINDS } from '../../db/schema.ts';
import type { ThemeSummary } from '../../referential/themes.query.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import { FieldErrorMessage, LevelFormFields } from '../components/review-fields.tsx';
import type { PageChrome } from '../layout/layout.tsx';
import { kindSlug } from '../routes/kind-slugs.ts';

export interface ReviewAddView {
  year: number;
  themes: readonly ThemeSummary[];
  csrfToken: string;
  form: {
    authorityCode?: string;
    kind?: string;
    service?: string;
    level?: number;
    url?: string;
    comment?: string;
  };
  errors: readonly FieldError[];
}

/** Adds a service the crawler missed, for one authority of the edition. */
export function ReviewAddPage({ chrome, view }: { chrome: PageChrome; view: ReviewAddView }) {
  const { form, errors } = view;
  return (
    <FormPage chrome={chrome} title={`Ajouter un service oublié — édition ${view.year}`} errors={errors}>
      <span class="govuk-caption-l">Revue · édition {view.year}</span>
      <h1 class="govuk-heading-l">Ajouter un service oublié</h1>
      <p class="govuk-body">
        Pour un service que le robot n’a pas évalué du tout. Un niveau 0 proposé par le robot se corrige
        depuis la{' '}
        <a class="govuk-link" href={`/admin/revue?edition=${view.year}`}>
          file de revue
        </a>
        .
      </p>
      <form method="post" action={`/admin/revue/ajout?edition=${view.year}`} novalidate>
        <CsrfField token={view.csrfToken} />
        <div
          class={`govuk-form-group${errors.some((e) => e.field === 'collectivite') ? ' govuk-form-group--error' : ''}`}
        >
          <label class="govuk-label" for="collectivite">
            Code de la collectivité
          </label>
          <div id="collectivite-hint" class="govuk-hint">
            Code INSEE, SIREN ou code de collectivité unique (ex. 01 pour l’Ain).
          </div>
          <FieldErrorMessage id="collectivite" errors={errors} />
          <input
            class="govuk-input govuk-input--width-10"
            id="collectivite"
            name="collectivite"
            type="text"
            value={form.authorityCode ?? ''}
            aria-describedby="collectivite-hint"
            spellcheck={false}
          />
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="categorie">
            Catégorie (si le code est ambigu)
          </label>
          <select class="govuk-select" id="categorie" name="categorie">
            <option value="">Toutes</option>
            {AUTHORITY_KINDS.map((kind) => (
              <option value={kindSlug(kind)} selected={form.kind === kindSlug(kind)}>
                {authorityKindName(kind)}
              </option>
            ))}
          </select>
        </div>
        <div
          class={`govuk-form-group${errors.some((e) => e.field === 'service') ? ' govuk-form-group--error' : ''}`}
        >
          <label class="govuk-label" for="service">
            Service
          </label>
          <FieldErrorMessage id="service" errors={errors} />
          <select class="govuk-select" id="service" name="service">
            <option value="">Choisissez un service</option>
            {view.themes.map((theme) => (
              <optgroup label={theme.name}>
                {theme.services.map((service) => (
                  <option value={service.key} selected={form.service === service.key}>
                    {service.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <LevelFormFields
          form={form}
          errors={errors}
          levelLegend="Niveau constaté"
          commentLabel="Commentaire (facultatif)"
          urlLabel="Page qui le montre (obligatoire au-dessus du niveau 0)"
        />
        <button type="submit" class="govuk-button">
          Ajouter le service
        </button>
      </form>
    </FormPage>
  );
}
