import { frenchTypography } from '../../shared/french-typography.ts';
import type { AnswerValue } from '../../surveys/answers.rules.ts';
import type { Choice, Question } from '../../surveys/questionnaire.rules.ts';

/**
 * One question of a questionnaire as GOV.UK form fields that work without JavaScript: a
 * fieldset of radios or checkboxes, a scale as radios, a matrix as one fieldset per row, a
 * ranking as one rank selector per choice, numbers and text as inputs. The error message sits
 * in the question's group, and the summary links to the question's id.
 */

/** The answer as the page shows it back: what was saved, or, after an error, what was typed. */
export type ShownValue = AnswerValue | Record<string, string> | undefined;

export function questionId(name: string): string {
  return `q-${name}`;
}

export function QuestionField(props: { question: Question; value: ShownValue; error?: string }) {
  const { question, value, error } = props;
  const id = questionId(question.name);
  const hintId = question.description ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const title = `${frenchTypography(question.title)}${question.required ? '' : ' (facultatif)'}`;
  const hint = question.description ? (
    <div id={hintId} class="govuk-hint">
      {frenchTypography(question.description)}
    </div>
  ) : null;
  const message = error ? (
    <p id={errorId} class="govuk-error-message">
      <span class="govuk-visually-hidden">Erreur :</span> {error}
    </p>
  ) : null;
  const group = `govuk-form-group${error ? ' govuk-form-group--error' : ''}`;

  if (question.type === 'number' || question.type === 'text' || question.type === 'comment') {
    const text = value === undefined ? '' : String(value);
    return (
      <div class={group}>
        <h2 class="govuk-label-wrapper">
          <label class="govuk-label govuk-label--s" for={id}>
            {title}
          </label>
        </h2>
        {hint}
        {message}
        {question.type === 'comment' ? (
          <textarea
            class="govuk-textarea"
            id={id}
            name={question.name}
            rows={5}
            aria-describedby={describedBy}
          >
            {text}
          </textarea>
        ) : (
          <input
            class={`govuk-input${question.type === 'number' ? ' govuk-input--width-10' : ''}${error ? ' govuk-input--error' : ''}`}
            id={id}
            name={question.name}
            type="text"
            inputmode={question.type === 'number' ? 'decimal' : undefined}
            value={text}
            aria-describedby={describedBy}
          />
        )}
      </div>
    );
  }

  const legend = (
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      <h2 class="govuk-fieldset__heading">{title}</h2>
    </legend>
  );
  let body: unknown;
  switch (question.type) {
    case 'radiogroup':
      body = (
        <Options
          kind="radios"
          name={question.name}
          id={id}
          choices={question.choices}
          checked={asList(value)}
        />
      );
      break;
    case 'checkbox':
      body = (
        <Options
          kind="checkboxes"
          name={question.name}
          id={id}
          choices={question.choices}
          checked={asList(value)}
        />
      );
      break;
    case 'rating': {
      const choices = Array.from({ length: question.max - question.min + 1 }, (_, i) => {
        const note = String(question.min + i);
        const label =
          i === 0 && question.minLabel
            ? `${note} (${question.minLabel})`
            : note === String(question.max) && question.maxLabel
              ? `${note} (${question.maxLabel})`
              : note;
        return { value: note, text: label };
      });
      body = (
        <Options
          kind="radios"
          name={question.name}
          id={id}
          choices={choices}
          checked={asList(value)}
          inline
        />
      );
      break;
    }
    case 'matrix':
      body = question.rows.map((row, r) => (
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
          <legend class="govuk-fieldset__legend">{frenchTypography(row.text)}</legend>
          <Options
            kind="radios"
            name={`${question.name}.${row.value}`}
            id={r === 0 ? id : `${id}-${row.value}`}
            choices={question.columns}
            checked={asList(asRecord(value)[row.value])}
            inline
          />
        </fieldset>
      ));
      break;
    case 'ranking': {
      const ranks = asRecord(value);
      body = question.choices.map((choice, c) => {
        const fieldId = c === 0 ? id : `${id}-${choice.value}`;
        return (
          <div class="govuk-form-group govuk-!-margin-bottom-2">
            <label class="govuk-label" for={fieldId}>
              {frenchTypography(choice.text)}
            </label>
            <select class="govuk-select" id={fieldId} name={`${question.name}.${choice.value}`}>
              <option value="">Rang</option>
              {question.choices.map((_, i) => (
                <option value={String(i + 1)} selected={ranks[choice.value] === String(i + 1)}>
                  {String(i + 1)}
                </option>
              ))}
            </select>
          </div>
        );
      });
      break;
    }
  }
  return (
    <div class={group}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy}>
        {legend}
        {hint}
        {message}
        {body}
      </fieldset>
    </div>
  );
}

function Options(props: {
  kind: 'radios' | 'checkboxes';
  name: string;
  id: string;
  choices: readonly Choice[];
  checked: readonly string[];
  inline?: boolean;
}) {
  const { kind, name, id, choices, checked } = props;
  const item = kind === 'radios' ? 'govuk-radios' : 'govuk-checkboxes';
  return (
    <div class={`${item}${props.inline ? ' govuk-radios--inline' : ''} govuk-radios--small`}>
      {choices.map((choice, i) => {
        const inputId = i === 0 ? id : `${id}-${i + 1}`;
        return (
          <div class={`${item}__item`}>
            <input
              class={`${item}__input`}
              id={inputId}
              name={name}
              type={kind === 'radios' ? 'radio' : 'checkbox'}
              value={choice.value}
              checked={checked.includes(choice.value)}
            />
            <label class={`govuk-label ${item}__label`} for={inputId}>
              {frenchTypography(choice.text)}
            </label>
          </div>
        );
      })}
    </div>
  );
}

function asList(value: ShownValue): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') return [];
  return [String(value)];
}

function asRecord(value: ShownValue): Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}
