import type { ReviewQueueItem } from '../../assessments/review.repository.ts';
import { AUTHORITY_KINDS } from '../../db/schema.ts';
import { formatDecimal, plural } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { EvidenceView } from '../components/evidence-view.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import { LevelTag } from '../components/level-tag.tsx';
import { ReviewLayout } from '../components/review-layout.tsx';
import type { PageChrome } from '../layout/layout.tsx';
import { kindSlug } from '../routes/kind-slugs.ts';
import { CONFIDENCE_BANDS, type QueueQuery, queueSearch } from '../routes/review-params.ts';
import { Pagination } from './pagination.tsx';

export interface ReviewQueueView {
  years: readonly number[];
  year: number;
  published: boolean;
  themes: readonly { key: string; name: string }[];
  query: QueueQuery;
  total: number;
  items: readonly ReviewQueueItem[];
  pages: number;
  csrfToken: string;
  /** Proposals just confirmed in bulk, for the banner. */
  confirmed: number;
  errors: readonly FieldError[];
}

export function ReviewQueuePage({ chrome, view }: { chrome: PageChrome; view: ReviewQueueView }) {
  const { query } = view;
  return (
    <ReviewLayout
      chrome={chrome}
      title={`File de revue — édition ${view.year}`}
      caption="Revue des propositions du robot"
      errors={view.errors}
      done={
        view.confirmed > 0
          ? `${plural(view.confirmed, 'proposition confirmée', 'propositions confirmées')}.`
          : undefined
      }
    >
      <p class="govuk-body">
        Les propositions du robot qu’aucun analyste n’a encore revues. Confirmez celles qui sont justes,
        ouvrez les autres pour corriger le niveau.{' '}
        <a class="govuk-link" href={`/admin/revue/ajout?edition=${view.year}`}>
          Ajouter un service que le robot a manqué
        </a>
        .
      </p>
      {view.published ? (
        <div class="govuk-inset-text">
          L’édition {view.year} est publiée : ses évaluations sont figées, une correction passe par un
          erratum.
        </div>
      ) : null}
      <QueueFilters view={view} />
      <h2 class="govuk-heading-m" id="resultats">
        {plural(view.total, 'proposition à revoir', 'propositions à revoir')}
      </h2>
      {view.items.length === 0 ? (
        <p class="govuk-body">Aucune proposition ne correspond à ces filtres.</p>
      ) : (
        <form method="post" action={`/admin/revue/confirmer${queueSearch(query)}`} novalidate>
          <CsrfField token={view.csrfToken} />
          <div class={`govuk-form-group${view.errors.length ? ' govuk-form-group--error' : ''}`}>
            <fieldset class="govuk-fieldset" aria-describedby="selection-hint">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                Propositions à confirmer
              </legend>
              <div id="selection-hint" class="govuk-hint">
                Cochez les propositions dont le niveau est juste, puis confirmez-les d’un seul envoi.
              </div>
              <QueueTable items={view.items} />
            </fieldset>
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button">
            Confirmer la sélection
          </button>
        </form>
      )}
      <Pagination
        current={query.page}
        pages={view.pages}
        href={(page) => `/admin/revue${queueSearch(query, page)}`}
      />
    </ReviewLayout>
  );
}

function QueueFilters({ view }: { view: ReviewQueueView }) {
  const { query } = view;
  return (
    <form method="get" action="/admin/revue" class="bm-filters" novalidate>
      <h2 class="govuk-heading-s">Filtrer</h2>
      <div class="govuk-grid-row">
        <Select
          id="edition"
          label="Édition"
          value={String(view.year)}
          options={view.years.map((y) => [String(y), String(y)])}
        />
        <Select
          id="theme"
          label="Thématique"
          value={query.theme ?? ''}
          options={[['', 'Toutes'], ...view.themes.map((t): [string, string] => [t.key, t.name])]}
        />
        <Select
          id="confiance"
          label="Confiance du robot"
          value={query.band ?? ''}
          options={[
            ['', 'Toutes'],
            ...Object.entries(CONFIDENCE_BANDS).map(([k, b]): [string, string] => [k, b.label]),
          ]}
        />
        <Select
          id="niveau"
          label="Niveau proposé"
          value={query.level === undefined ? '' : String(query.level)}
          options={[['', 'Tous'], ...[0, 1, 2, 3, 4].map((l): [string, string] => [String(l), String(l)])]}
        />
      </div>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-quarter govuk-form-group">
          <label class="govuk-label" for="collectivite">
            Code de la collectivité
          </label>
          <input
            class="govuk-input"
            id="collectivite"
            name="collectivite"
            type="text"
            value={query.authorityCode ?? ''}
            spellcheck={false}
          />
        </div>
        <Select
          id="categorie"
          label="Catégorie"
          value={query.kind ? kindSlug(query.kind) : ''}
          options={[
            ['', 'Toutes'],
            ...AUTHORITY_KINDS.map((k): [string, string] => [kindSlug(k), authorityKindName(k)]),
          ]}
        />
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary">
        Filtrer
      </button>
    </form>
  );
}

function Select(props: { id: string; label: string; value: string; options: readonly [string, string][] }) {
  return (
    <div class="govuk-grid-column-one-quarter govuk-form-group">
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      <select class="govuk-select" id={props.id} name={props.id}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function QueueTable({ items }: { items: readonly ReviewQueueItem[] }) {
  return (
    <table class="govuk-table bm-review-table">
      <caption class="govuk-table__caption govuk-visually-hidden">Propositions du robot à revoir</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Confirmer
          </th>
          <th scope="col" class="govuk-table__header">
            Collectivité et service
          </th>
          <th scope="col" class="govuk-table__header">
            Proposition
          </th>
          <th scope="col" class="govuk-table__header">
            Preuve
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {items.map((item, index) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">
              <div class="govuk-checkboxes govuk-checkboxes--small">
                <div class="govuk-checkboxes__item">
                  <input
                    class="govuk-checkboxes__input"
                    id={index === 0 ? 'evaluation' : `evaluation-${item.assessmentId}`}
                    name="evaluation"
                    type="checkbox"
                    value={String(item.assessmentId)}
                  />
                  <label
                    class="govuk-label govuk-checkboxes__label"
                    for={index === 0 ? 'evaluation' : `evaluation-${item.assessmentId}`}
                  >
                    <span class="govuk-visually-hidden">
                      Confirmer : {item.serviceName}, {item.authorityName}
                    </span>
                  </label>
                </div>
              </div>
            </td>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/admin/revue/evaluations/${item.assessmentId}`}>
                {item.serviceName}
              </a>
              <br />
              <span class="govuk-body-s">
                {item.authorityName} ({authorityKindName(item.authorityKind)} {item.authorityCode}) ·{' '}
                {item.themeName}
              </span>
            </td>
            <td class="govuk-table__cell">
              <LevelTag level={item.level} />
              <br />
              <span class="govuk-body-s">
                Confiance : {item.confidence === null ? 'aucune' : formatDecimal(item.confidence, 2)}
              </span>
            </td>
            <td class="govuk-table__cell">
              <EvidenceView json={item.evidence} platform={item.platform} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
