import { DIGITALISATION_LEVELS } from '../../referential/levels.ts';
import type { FieldError } from './error-summary.tsx';

/**
 * Form fields the review screens share: the level as radios (0 to 4, each with its label), a
 * textarea, and the field error message, each linked to its field for the error summary.
 */

export function FieldErrorMessage({ id, errors }: { id: string; errors: readonly FieldError[] }) {
  const error = errors.find((e) => e.field === id);
  if (!error) return null;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Erreur :</span> {error.message}
    </p>
  );
}

const groupClass = (id: string, errors: readonly FieldError[]) =>
  `govuk-form-group${errors.some((e) => e.field === id) ? ' govuk-form-group--error' : ''}`;

export function LevelRadios(props: {
  id: string;
  name: string;
  legend: string;
  value: number | undefined;
  errors: readonly FieldError[];
}) {
  return (
    <div class={groupClass(props.id, props.errors)}>
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        <FieldErrorMessage id={props.id} errors={props.errors} />
        <div class="govuk-radios govuk-radios--small">
          {DIGITALISATION_LEVELS.map((level, index) => (
            <div class="govuk-radios__item">
              <input
                class="govuk-radios__input"
                id={index === 0 ? props.id : `${props.id}-${index}`}
                name={props.name}
                type="radio"
                value={String(index)}
                checked={props.value === index}
              />
              <label
                class="govuk-label govuk-radios__label"
                for={index === 0 ? props.id : `${props.id}-${index}`}
              >
                {index} — {level.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function TextArea(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  errors: readonly FieldError[];
}) {
  const hasError = props.errors.some((e) => e.field === props.id);
  const describedBy = [props.hint ? `${props.id}-hint` : '', hasError ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={groupClass(props.id, props.errors)}>
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={`${props.id}-hint`} class="govuk-hint">
          {props.hint}
        </div>
      ) : null}
      <FieldErrorMessage id={props.id} errors={props.errors} />
      <textarea
        class={`govuk-textarea${hasError ? ' govuk-textarea--error' : ''}`}
        id={props.id}
        name={props.name}
        rows={3}
        aria-describedby={describedBy || undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export function UrlField(props: {
  id: string;
  name: string;
  label: string;
  value?: string;
  errors: readonly FieldError[];
}) {
  const hasError = props.errors.some((e) => e.field === props.id);
  return (
    <div class={groupClass(props.id, props.errors)}>
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      <FieldErrorMessage id={props.id} errors={props.errors} />
      <input
        class={`govuk-input${hasError ? ' govuk-input--error' : ''}`}
        id={props.id}
        name={props.name}
        type="url"
        value={props.value ?? ''}
        spellcheck={false}
        aria-describedby={hasError ? `${props.id}-error` : undefined}
      />
    </div>
  );
}

/** The level, comment and page of a review form, in that order, as every review form asks them. */
export function LevelFormFields(props: {
  form: { level?: number | undefined; comment?: string; url?: string };
  errors: readonly FieldError[];
  levelLegend: string;
  commentLabel: string;
  commentHint?: string;
  urlLabel: string;
}) {
  const { form, errors } = props;
  return (
    <>
      <LevelRadios id="niveau" name="niveau" legend={props.levelLegend} value={form.level} errors={errors} />
      <TextArea
        id="commentaire"
        name="commentaire"
        label={props.commentLabel}
        {...(props.commentHint ? { hint: props.commentHint } : {})}
        value={form.comment ?? ''}
        errors={errors}
      />
      <UrlField id="url" name="url" label={props.urlLabel} value={form.url ?? ''} errors={errors} />
    </>
  );
}
