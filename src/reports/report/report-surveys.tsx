import {
  formatDate,
  formatDecimal,
  formatInteger,
  frenchTypography,
} from '../../shared/french-typography.ts';
import type { CampaignResults } from '../../surveys/analysis/campaign-results.service.ts';
import { MIN_CELL } from '../../surveys/analysis/estimates.rules.ts';
import { equivalentRespondents, WEIGHT_DIMENSION_LABELS } from '../../surveys/analysis/findings.rules.ts';
import {
  pooledRegionsText,
  type QuestionResult,
  type Weighting,
} from '../../surveys/analysis/survey-analysis.rules.ts';
import { isOpen } from '../../surveys/campaign.rules.ts';
import { DataTable } from '../../web/components/data-table.tsx';
import {
  pct,
  publishedShares,
  QuestionSection,
  RatesTable,
} from '../../web/components/survey-question-result.tsx';
import type { ReportData } from './report.service.ts';
import { ReportSection } from './report-section.tsx';

/**
 * The edition's surveys in the report: in the method, sample, response rate and weighting of
 * each campaign with the limits of declared answers; in their own chapter, what
 * /enquetes/{slug} publishes (findings, rates, the charts of the key questions), from the same
 * analysis, so suppressed cells and unpublished free text stay so on paper.
 */

const dimensionsText = (dimensions: readonly Weighting['dimensions'][number][]) =>
  dimensions.length === 0 ? 'aucune' : dimensions.map((d) => WEIGHT_DIMENSION_LABELS[d]).join(', ');

/** Key questions: those with a chart, i.e. choices (not a matrix) with at least one published share. */
function keyQuestions(survey: CampaignResults): QuestionResult[] {
  const weighted = survey.analysis.weights !== null;
  return survey.analysis.questions.filter(
    (r) => r.question.type !== 'matrix' && publishedShares(r, weighted).length > 0,
  );
}

export function SurveysMethod({ surveys }: { surveys: ReportData['surveys'] }) {
  return (
    <>
      <h3 class="govuk-heading-m">Enquêtes</h3>
      {surveys === null ? (
        <p class="govuk-body">
          {frenchTypography(
            'Aucune enquête de cette édition n’a reçu de réponse : le rapport n’en présente pas.',
          )}
        </p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {surveys.map(({ title, rates: { total }, analysis: { weighting } }) => (
            <li>
              {frenchTypography(
                `« ${title} » : ${formatInteger(total.recipients)} destinataires, ${formatInteger(total.invited)} invités, ${formatInteger(total.submitted)} réponses complètes, soit un taux de réponse de ${pct(total.rate)}. ` +
                  (weighting.dimensions.length === 0
                    ? 'Réponses non redressées.'
                    : `Redressement par calage sur les marges (${dimensionsText(weighting.dimensions)}) de ${formatInteger(weighting.populationTotal)} collectivités, effet de plan ${formatDecimal(weighting.designEffect ?? 1, 2)}.`),
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="govuk-body">
        {frenchTypography(
          `Limites des enquêtes : les réponses sont déclaratives et les collectivités qui répondent ne ressemblent pas forcément aux autres ; le calage corrige les écarts de type, de taille et de région, pas les autres. Aucun chiffre n’est publié pour moins de ${MIN_CELL} répondants, et les réponses en texte libre ne sont jamais publiées.`,
        )}
      </p>
    </>
  );
}

function WeightingTable({ survey }: { survey: CampaignResults }) {
  const { weighting } = survey.analysis;
  const deff = weighting.designEffect;
  const equivalent = equivalentRespondents(survey.analysis);
  const rows = [
    { label: 'Dimensions de calage retenues', value: dimensionsText(weighting.dimensions) },
    ...weighting.dropped.map((d) => ({
      label: `Dimension écartée : ${WEIGHT_DIMENSION_LABELS[d.dimension]}`,
      value: d.reason,
    })),
    ...(weighting.pooledRegions.length > 0
      ? [{ label: 'Régions regroupées', value: pooledRegionsText(weighting.pooledRegions) }]
      : []),
    { label: 'Population de référence', value: `${formatInteger(weighting.populationTotal)} collectivités` },
    { label: 'Effet de plan', value: deff === null ? '—' : formatDecimal(deff, 2) },
    {
      label: 'Taille d’échantillon équivalente',
      value: equivalent === null ? '—' : formatInteger(equivalent),
    },
  ];
  return (
    <DataTable
      caption="Redressement"
      captionClass="govuk-table__caption--s"
      rows={rows}
      columns={[
        { header: 'Élément', cell: (r) => frenchTypography(r.label) },
        { header: 'Valeur', cell: (r) => frenchTypography(r.value) },
      ]}
    />
  );
}

function CampaignChapter({ survey, index, now }: { survey: CampaignResults; index: number; now: Date }) {
  const weighted = survey.analysis.weights !== null;
  const questions = keyQuestions(survey);
  return (
    <section class="bm-report-survey">
      <h3 class="govuk-heading-m">{frenchTypography(survey.title)}</h3>
      <p class="govuk-body bm-muted">
        {frenchTypography(
          `Enquête « ${survey.slug} », ${isOpen(survey.closesAt, now) ? `en cours jusqu’au ${formatDate(survey.closesAt)} : résultats provisoires` : `close le ${formatDate(survey.closesAt)}`} ; ${formatInteger(survey.analysis.respondents)} réponses complètes.`,
        )}
      </p>
      <ul class="govuk-list govuk-list--bullet bm-findings">
        {survey.findings.map((sentence) => (
          <li>{frenchTypography(sentence)}</li>
        ))}
      </ul>
      <RatesTable
        caption="Taux de réponse par type de collectivité"
        lines={[survey.rates.total, ...survey.rates.byKind]}
      />
      <WeightingTable survey={survey} />
      <h4 class="govuk-heading-s">Questions clés</h4>
      {questions.length === 0 ? (
        <p class="govuk-body">
          {frenchTypography(`Moins de ${MIN_CELL} répondants par réponse : aucune fréquence publiée.`)}
        </p>
      ) : (
        questions.map((result) => (
          <QuestionSection
            result={result}
            chartId={`enquete-${index}-${result.question.name}`}
            weighted={weighted}
            open
          />
        ))
      )}
    </section>
  );
}

export function SurveysSection({ data }: { data: ReportData }) {
  if (!data.surveys) return null;
  return (
    <ReportSection name="surveys">
      {data.surveys.map((survey, index) => (
        <CampaignChapter survey={survey} index={index} now={data.generatedAt} />
      ))}
    </ReportSection>
  );
}
