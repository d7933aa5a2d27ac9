import type { SiteAuditOverview } from '../../audits/audits.repository.ts';
import type { AuthorityKind } from '../../db/schema.ts';
import type { StoredIndicatorRun } from '../../indicators/indicators.service.ts';
import type { AuthorityIndicators } from '../../indicators/indicators.types.ts';
import {
  type IndicatorComparison,
  type PeerComparison,
  type Position,
  peerGroupLabel,
} from '../../indicators/peer-comparison.rules.ts';
import { PORTAL_CHECK_LABELS } from '../../portal/portal.types.ts';
import { formatDecimal, formatInteger, frenchTypography } from '../../shared/french-typography.ts';
import { DataTable } from '../components/data-table.tsx';
import { QuartileBar } from '../components/quartile-bar.tsx';

/** What the scorecard needs: the authority's stored indicators and its peers' distribution. */
export interface Scorecard {
  run: StoredIndicatorRun;
  indicators: AuthorityIndicators;
  comparison: PeerComparison;
}

export const KIND_PLURALS: Readonly<Record<AuthorityKind, string>> = {
  region: 'régions',
  departement: 'départements',
  collectivite_unique: 'collectivités uniques',
  epci: 'intercommunalités',
  commune: 'communes',
};

const POSITION_LABELS: Record<Position, string> = {
  below: 'Sous le 1er quartile',
  within: 'Entre les quartiles',
  above: 'Au-dessus du 3e quartile',
};

const OUTCOME_LABELS: Record<string, string> = {
  pass: 'Conforme',
  warn: 'À améliorer',
  fail: 'Non conforme',
  unknown: 'Non vérifiable',
};
const checkLabel = (key: string): string =>
  (PORTAL_CHECK_LABELS as Readonly<Record<string, string>>)[key] ?? key;

/** Index, ranks, percentile and change: the scorecard's headline figures. */
export function ScoreFigures({ scorecard }: { scorecard: Scorecard }) {
  const { indicators: a, run } = scorecard;
  const kindPlural = KIND_PLURALS[a.kind];
  const peers = peerGroupLabel(a.peerGroup);
  const figures: [string, string][] = [
    [
      `${formatDecimal(a.index, 1)}/100`,
      `indice de numérisation${a.indexPartial ? ' (calculé sans portail évalué)' : ''}`,
    ],
    [`${ordinal(a.rank)} sur ${formatInteger(a.rankTotal)}`, `rang parmi les ${kindPlural}`],
  ];
  if (a.peerRank !== null && a.peerTotal !== null && peers)
    figures.push([
      `${ordinal(a.peerRank)} sur ${formatInteger(a.peerTotal)}`,
      `rang parmi les ${peers.charAt(0).toLowerCase()}${peers.slice(1)}`,
    ]);
  figures.push([
    `${formatInteger(Math.round(a.percentile))}${'\u00a0'}%`,
    'rang centile (part des collectivités du même type classées en dessous)',
  ]);
  figures.push(changeFigure(a, run));
  return (
    <section aria-labelledby="score">
      <h2 class="govuk-heading-l" id="score">
        {frenchTypography(`Score et classement ${run.edition.year}`)}
      </h2>
      <ul class="bm-figures">
        {figures.map(([value, label]) => (
          <li class="bm-figure">
            <span class="bm-figure__value">{frenchTypography(value)}</span>
            <span class="bm-figure__label">{frenchTypography(label)}</span>
          </li>
        ))}
      </ul>
      <p class="govuk-body bm-muted">
        {frenchTypography(
          `Méthode ${run.methodVersion}, référentiel ${run.referentialVersion}. L’indice pondère les services de bout en bout, les services numérisés, les thématiques couvertes et la qualité du portail : voir la `,
        )}
        <a href="/methodologie">méthodologie</a>.
      </p>
    </section>
  );
}

function changeFigure(a: AuthorityIndicators, run: StoredIndicatorRun): [string, string] {
  const since = run.previousYear === null ? '' : ` depuis ${run.previousYear}`;
  switch (a.change.status) {
    case 'comparable': {
      const delta = a.change.indexChange ?? 0;
      const sign = delta > 0 ? '+' : '';
      return [
        `${sign}${formatDecimal(delta, 1)} point${Math.abs(delta) >= 2 ? 's' : ''}`,
        `évolution de l’indice${since}`,
      ];
    }
    case 'not_comparable':
      return ['non comparable', `évolution${since} : le référentiel ou la méthode ont changé`];
    case 'new':
      return [
        'nouvelle',
        `collectivité absente de l’édition précédente${run.previousYear === null ? '' : ` (${run.previousYear})`}`,
      ];
    default:
      return ['—', 'évolution : pas d’édition précédente calculée'];
  }
}

function ordinal(rank: number): string {
  return rank === 1 ? '1re' : `${formatInteger(rank)}e`;
}

/** « Comment votre collectivité se situe-t-elle ? »: each indicator against the peers' quartiles. */
export function PeerComparisonSection({ scorecard }: { scorecard: Scorecard }) {
  const { comparison } = scorecard;
  const group =
    peerGroupLabel(comparison.peerGroup) ?? `toutes les collectivités du même type (population inconnue)`;
  const format = (row: IndicatorComparison, value: number | null | undefined) =>
    value === null || value === undefined ? '—' : formatDecimal(value, row.decimals);
  return (
    <section aria-labelledby="comparaison">
      <h2 class="govuk-heading-l" id="comparaison">
        Comment votre collectivité se situe-t-elle ?
      </h2>
      <p class="govuk-body">
        {frenchTypography(
          `Comparaison avec son groupe de pairs : ${group.charAt(0).toLowerCase()}${group.slice(1)}, ${formatInteger(comparison.size)} collectivités elle comprise. La boîte va du 1er au 3e quartile des pairs, le trait vertical marque leur médiane et le losange la valeur de la collectivité.`,
        )}
      </p>
      <DataTable
        caption="Indicateurs comparés aux quartiles du groupe de pairs"
        rows={comparison.indicators}
        columns={[
          { header: 'Indicateur', cell: (row) => row.label },
          { header: 'Collectivité', numeric: true, cell: (row) => format(row, row.value) },
          { header: '1er quartile', numeric: true, cell: (row) => format(row, row.peers?.q1) },
          { header: 'Médiane', numeric: true, cell: (row) => format(row, row.peers?.median) },
          { header: '3e quartile', numeric: true, cell: (row) => format(row, row.peers?.q3) },
          {
            header: 'Position',
            cell: (row) => (row.position ? POSITION_LABELS[row.position] : 'non calculable'),
          },
          {
            header: 'Répartition des pairs',
            cell: (row) => (row.peers ? <QuartileBar peers={row.peers} value={row.value} /> : '—'),
          },
        ]}
      />
    </section>
  );
}

/** The portal checks of the audited site, as the indicators counted them. */
export function PortalChecks({ audit }: { audit: SiteAuditOverview | undefined }) {
  if (!audit || audit.portalChecks.length === 0) return null;
  return (
    <section aria-labelledby="portail">
      <h2 class="govuk-heading-l" id="portail">
        Contrôles du portail
      </h2>
      <DataTable
        caption={frenchTypography(`Contrôles de ${audit.site.start_url}`)}
        rows={audit.portalChecks}
        columns={[
          { header: 'Contrôle', cell: (check) => checkLabel(check.key) },
          { header: 'Résultat', cell: (check) => OUTCOME_LABELS[check.outcome] ?? check.outcome },
          { header: 'Constat', cell: (check) => frenchTypography(check.summary) },
        ]}
      />
    </section>
  );
}

/** The way for the authority to contest an assessment; its space comes with sign-in. */
export function ContestLink({ path }: { path: string }) {
  return (
    <section aria-labelledby="contester">
      <h2 class="govuk-heading-m" id="contester">
        Contester une évaluation
      </h2>
      <p class="govuk-body">
        {frenchTypography(
          'Vous représentez cette collectivité et une évaluation vous semble inexacte ? Connectez-vous pour la contester, preuve à l’appui.',
        )}
      </p>
      <a class="govuk-button govuk-button--secondary" href={`/connexion?retour=${encodeURIComponent(path)}`}>
        Contester une évaluation
      </a>
    </section>
  );
}
