import { chiSquareSentence } from '../../indicators/statistics/chi-square.ts';
import { CORRELATION_CAVEAT, correlationSentence, formatCount } from '../../indicators/statistics/reading.ts';
import type { DomainTaxonomy } from '../domains.ts';
import type { InitiativesAnalysis } from './analysis.rules.ts';

/**
 * The analyses read in plain French, as the published barometer states them: where
 * initiatives concentrate, whether larger communes carry more of them, whether size changes
 * which domains they favour. Pure; pages and reports print these sentences beside the tables.
 */

const TOP_WORDS: Record<number, string> = {
  1: 'ce domaine est',
  2: 'ces deux domaines sont',
  3: 'ces trois domaines sont',
};

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

export function formatShare(value: number): string {
  return percent.format(value);
}

export function initiativeFindings(
  analysis: InitiativesAnalysis,
  taxonomy: DomainTaxonomy,
  year?: number,
): string[] {
  const label = (key: string) => taxonomy.domains.find((domain) => domain.key === key)?.label ?? key;
  const scope = year === undefined ? 'publiées' : `publiées pour ${year}`;
  if (analysis.initiatives === 0)
    return [`Aucune initiative ${scope.replace('publiées', 'publiée')} : rien à analyser.`];
  const findings: string[] = [];
  findings.push(
    `${formatCount(analysis.initiatives)} initiatives ${scope}, portées par ${formatCount(analysis.authorities)} collectivités.`,
  );
  const top = analysis.domains.filter((domain) => domain.count > 0).slice(0, 3);
  const topShare = top.reduce((sum, domain) => sum + domain.mainShare, 0);
  findings.push(
    `Les initiatives se concentrent sur quelques domaines : ${top
      .map((domain) => `${label(domain.domain).toLowerCase()} (${formatShare(domain.share)})`)
      .join(
        ', ',
      )} ; ${TOP_WORDS[top.length] ?? 'ces domaines sont'} le domaine principal de ${formatShare(topShare)} des initiatives.`,
  );
  const { communes } = analysis;
  if (communes.communes === 0) return findings;
  findings.push(
    `Les communes portent ${formatCount(communes.initiatives)} de ces initiatives (${formatCount(communes.communes)} communes` +
      (communes.unknownPopulation > 0
        ? `, dont ${formatCount(communes.unknownPopulation)} de population inconnue`
        : '') +
      ').',
  );
  const variables = { x: 'la population des communes', y: 'leur nombre d’initiatives' };
  findings.push(correlationSentence(communes.spearman, variables));
  findings.push(correlationSentence(communes.pearson, variables));
  findings.push(
    `${CORRELATION_CAVEAT} Seules les communes présentes dans le registre sont comptées : celles qui n’y ont déclaré aucune initiative n’en sont pas pour autant dépourvues.`,
  );
  findings.push(
    chiSquareSentence(communes.independence, {
      rows: 'la strate de population de la commune',
      columns: 'le domaine principal de ses initiatives',
    }),
  );
  if (communes.independence.status === 'ok' && communes.independence.sparseCellShare > 0.2) {
    findings.push(
      'Autrement dit, il y a encore trop peu d’initiatives par strate pour dire si la taille change les priorités.',
    );
  } else if (communes.independence.status === 'ok') {
    const sizeMatters = communes.independence.pValue < 0.05;
    const { spearman } = communes;
    const moreWithSize = spearman.status === 'ok' && spearman.pValue < 0.05 && spearman.coefficient > 0;
    findings.push(
      sizeMatters
        ? 'Autrement dit, la taille de la commune change la répartition de ses initiatives entre domaines ; le V de Cramér dit dans quelle mesure.'
        : `Autrement dit, petites et grandes communes répartissent leurs initiatives entre domaines de la même façon${
            moreWithSize ? ' : la taille change le nombre d’initiatives, pas les priorités.' : '.'
          }`,
    );
  }
  return findings;
}
