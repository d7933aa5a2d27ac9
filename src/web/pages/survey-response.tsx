import { formatDateInFrance, frenchTypography } from '../../shared/french-typography.ts';
import type { Answers } from '../../surveys/answers.rules.ts';
import type { Question, QuestionnairePage } from '../../surveys/questionnaire.rules.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import { QuestionField, questionId, type ShownValue } from '../components/survey-question.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';

/** The pages a respondent sees at /enquete/{token}: start, one page of questions, review, thanks. */

export interface ResponseHeader {
  campaignTitle: string;
  authorityName: string;
  /** /enquete/{token} */
  base: string;
  closesAt: string;
}

export function SurveyStartPage(props: {
  chrome: PageChrome;
  header: ResponseHeader;
  description?: string;
  pages: readonly { name: string; title: string; saved: boolean }[];
}) {
  const { header } = props;
  const next = props.pages.find((page) => !page.saved) ?? props.pages.at(-1);
  const started = props.pages.some((page) => page.saved);
  return (
    <Layout chrome={props.chrome} title={header.campaignTitle}>
      <span class="govuk-caption-l">{frenchTypography(header.authorityName)}</span>
      <h1 class="govuk-heading-l">{frenchTypography(header.campaignTitle)}</h1>
      {props.description ? <p class="govuk-body">{frenchTypography(props.description)}</p> : null}
      <p class="govuk-body">
        {frenchTypography(
          `Vos réponses sont enregistrées à chaque page : vous pouvez vous interrompre et reprendre avec le même lien jusqu’au ${formatDateInFrance(header.closesAt)}. Elles ne sont envoyées qu’à la fin, une seule fois.`,
        )}
      </p>
      <ol class="govuk-list govuk-list--number">
        {props.pages.map((page) => (
          <li>
            <a class="govuk-link" href={`${header.base}/${page.name}`}>
              {frenchTypography(page.title)}
            </a>
            {page.saved ? ' — enregistrée' : ''}
          </li>
        ))}
      </ol>
      <a href={next ? `${header.base}/${next.name}` : header.base} class="govuk-button govuk-button--start">
        {started ? 'Reprendre' : 'Commencer'}
      </a>
    </Layout>
  );
}

/** What a field shows back: a saved ranking (ordered choices) as the rank of each choice. */
function shown(question: Question, value: Answers[string] | undefined): ShownValue {
  if (question.type === 'ranking' && Array.isArray(value))
    return Object.fromEntries(value.map((choice, i) => [choice, String(i + 1)]));
  return value;
}

export function SurveyQuestionsPage(props: {
  chrome: PageChrome;
  header: ResponseHeader;
  page: QuestionnairePage;
  position: { index: number; count: number };
  /** Questions to show (display logic applied to the answers so far). */
  questions: readonly Question[];
  values: Answers;
  errors: readonly { question: string; message: string }[];
  csrfToken: string;
}) {
  const { header, page } = props;
  const fieldErrors: FieldError[] = props.errors.map((e) => ({
    field: questionId(e.question),
    message: e.message,
  }));
  return (
    <FormPage chrome={props.chrome} title={`${page.title} — ${header.campaignTitle}`} errors={fieldErrors}>
      <span class="govuk-caption-l">
        {frenchTypography(
          `${header.campaignTitle} — page ${props.position.index + 1} sur ${props.position.count}`,
        )}
      </span>
      <h1 class="govuk-heading-l">{frenchTypography(page.title)}</h1>
      <form action={`${header.base}/${page.name}`} method="post" novalidate>
        <CsrfField token={props.csrfToken} />
        {props.questions.map((question) => (
          <QuestionField
            question={question}
            value={shown(question, props.values[question.name])}
            error={props.errors.find((e) => e.question === question.name)?.message}
          />
        ))}
        <p class="govuk-body">
          {frenchTypography(
            'Certaines questions n’apparaissent qu’après l’enregistrement de la page, selon vos réponses.',
          )}
        </p>
        <button type="submit" class="govuk-button">
          Enregistrer et continuer
        </button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={header.base}>
          Sommaire du questionnaire
        </a>
      </p>
    </FormPage>
  );
}

export function SurveyReviewPage(props: {
  chrome: PageChrome;
  header: ResponseHeader;
  problems: readonly { page: string; pageTitle: string; question: string; message: string }[];
  csrfToken: string;
}) {
  const { header } = props;
  const errors: FieldError[] = props.problems.map((p) => ({
    field: `${p.page}-${p.question}`,
    message: `${p.pageTitle} : ${p.message}`,
  }));
  return (
    <FormPage chrome={props.chrome} title={`Envoyer mes réponses — ${header.campaignTitle}`} errors={[]}>
      <h1 class="govuk-heading-l">Envoyer mes réponses</h1>
      {errors.length > 0 ? (
        <div class="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">Il reste des réponses à compléter</h2>
            <div class="govuk-error-summary__body">
              <ul class="govuk-list govuk-error-summary__list">
                {props.problems.map((p) => (
                  <li>
                    <a href={`${header.base}/${p.page}#${questionId(p.question)}`}>
                      {frenchTypography(`${p.pageTitle} : ${p.message}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      ) : null}
      <p class="govuk-body">
        {frenchTypography('Une fois envoyées, vos réponses ne peuvent plus être modifiées.')}
      </p>
      <form action={`${header.base}/envoi`} method="post" novalidate>
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="govuk-button">
          Envoyer mes réponses
        </button>
      </form>
    </FormPage>
  );
}

export function SurveyMessagePage(props: { chrome: PageChrome; title: string; lines: readonly string[] }) {
  return (
    <Layout chrome={props.chrome} title={props.title}>
      <h1 class="govuk-heading-l">{frenchTypography(props.title)}</h1>
      {props.lines.map((line) => (
        <p class="govuk-body">{frenchTypography(line)}</p>
      ))}
    </Layout>
  );
}
