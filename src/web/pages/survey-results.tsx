import { frenchTypography } from '../../shared/french-typography.ts';
import type { CampaignResults } from '../../surveys/analysis/campaign-results.service.ts';
import { QuestionSection, RatesTable } from '../components/survey-question-result.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';

/** The public results of a survey, /enquetes/{slug}: findings, response rates, every question. */

export interface SurveyResultsView extends CampaignResults {
  closed: boolean;
}

export function SurveyResultsPage({ chrome, view }: { chrome: PageChrome; view: SurveyResultsView }) {
  const weighted = view.analysis.weights !== null;
  return (
    <Layout chrome={chrome} title={`Résultats : ${view.title}`}>
      <h1 class="govuk-heading-l">{frenchTypography(view.title)}</h1>
      {view.closed ? null : (
        <div class="govuk-inset-text">
          {frenchTypography('Enquête en cours : ces résultats sont provisoires.')}
        </div>
      )}
      <h2 class="govuk-heading-m">Principaux enseignements</h2>
      <ul class="govuk-list govuk-list--bullet">
        {view.findings.map((sentence) => (
          <li>{frenchTypography(sentence)}</li>
        ))}
      </ul>
      <p class="govuk-body">
        <a class="govuk-link" href={`/enquetes/${view.slug}/reponses.csv`}>
          Télécharger les réponses anonymisées (CSV)
        </a>{' '}
        ou{' '}
        <a class="govuk-link" href={`/enquetes/${view.slug}/reponses.xlsx`}>
          (XLSX)
        </a>{' '}
        — sans adresse électronique ni texte libre.
      </p>
      <h2 class="govuk-heading-m">Taux de réponse</h2>
      <RatesTable caption="Par type de collectivité" lines={[view.rates.total, ...view.rates.byKind]} />
      <RatesTable caption="Par taille" lines={view.rates.bySize} />
      <RatesTable caption="Par profil" lines={view.rates.byProfile} />
      <h2 class="govuk-heading-m">Réponses question par question</h2>
      <p class="govuk-body">
        {frenchTypography(
          'Aucun chiffre n’est publié pour moins de 5 répondants. Les parts redressées rendent les réponses représentatives des collectivités par type, taille et région quand c’est possible ; leurs intervalles tiennent compte de l’effet de plan.',
        )}
      </p>
      {view.analysis.questions.map((result, index) => (
        <QuestionSection result={result} chartId={`question-${index}`} weighted={weighted} />
      ))}
    </Layout>
  );
}
