import type { AuthorityKind } from '../../db/schema.ts';
import type {
  CorrelationAggregate,
  CorrelationX,
  CorrelationY,
  KindAggregates,
  ThemeAggregate,
} from '../aggregates.rules.ts';
import {
  CORRELATION_CAVEAT,
  formatCorrelationFigures,
  formatCount,
  formatDecimal,
  formatPValue,
  readCorrelation,
} from '../statistics/reading.ts';
import { countText, figureText, listText, percentText, spellNumber } from './french-numbers.ts';
import {
  all,
  counted,
  countedAtStart,
  KIND_HEADINGS,
  KIND_NOUNS,
  type Noun,
  none,
  onlyOne,
  pronouns,
  verb,
} from './nouns.ts';

/**
 * The edition's key facts as French sentences, in the manner of published barometers, each
 * computed from the aggregates (nothing about the data is written in advance). One section
 * per kind of authority. Pure: tests give hand-built aggregates.
 */

export interface FindingsSection {
  kind: AuthorityKind;
  heading: string;
  sentences: string[];
}

export function editionFindings(year: number, kinds: readonly KindAggregates[]): FindingsSection[] {
  return kinds.map((aggregates) => ({
    kind: aggregates.kind,
    heading: KIND_HEADINGS[aggregates.kind],
    sentences: kindFindings(year, aggregates),
  }));
}

export function kindFindings(year: number, a: KindAggregates): string[] {
  const noun = KIND_NOUNS[a.kind];
  const sentences = [panelSentence(year, a, noun), engagementSentence(a, noun)];
  sentences.push(...endToEndSentences(a, noun));
  sentences.push(medianSentence(a, noun));
  const coverage = coverageSentence(a, noun);
  if (coverage) sentences.push(coverage);
  const themes = themesSentence(a.themes);
  if (themes) sentences.push(themes);
  sentences.push(indexSentence(a, noun));
  if (a.portal.n > 0) {
    sentences.push(
      `La qualité des portails, mesurée sur ${counted(a.portal.n, { singular: 'site', plural: 'sites', gender: 'masculine' })}, est en moyenne de ${formatDecimal(a.portal.mean ?? 0, 0)} sur 100.`,
    );
  }
  sentences.push(...correlationSentences(a, noun));
  return sentences;
}

function panelSentence(year: number, a: KindAggregates, noun: Noun): string {
  const withoutSite = a.authorities - a.withWebsite;
  const base = `L’édition ${year} porte sur ${counted(a.authorities, noun)}`;
  if (withoutSite === 0) return `${base}.`;
  return `${base}, dont ${countText(withoutSite, noun.gender)} sans site internet.`;
}

function engagementSentence(a: KindAggregates, noun: Noun): string {
  const p = pronouns(noun);
  const n = a.engaged;
  const total = a.authorities;
  if (n === total) {
    if (total === 1) {
      const [the, alone, it] = noun.gender === 'feminine' ? ['La', 'seule', 'elle'] : ['Le', 'seul', 'il'];
      return `${the} ${alone} ${noun.singular} du panel a engagé la numérisation de ses services : ${it} en propose au moins un en ligne, au moins en partie.`;
    }
    return `${all(noun)} ont engagé la numérisation de leurs services : ${p.each} en propose au moins un en ligne, au moins en partie.`;
  }
  if (n === 0) {
    return `${none(noun)} n’a encore engagé la numérisation de ses services : ${p.none} n’en propose en ligne, même en partie.`;
  }
  const rest = total - n;
  const head =
    n === 1
      ? `${onlyOne(noun)} sur ${countText(total, noun.gender)}`
      : `${countedAtStart(n, noun)} sur ${countText(total, noun.gender)}`;
  const restText = rest === 1 ? `${p.one} n’en propose` : `${countText(rest, noun.gender)} n’en proposent`;
  return `${head} ${verb(n, 'a engagé la numérisation de ses', 'ont engagé la numérisation de leurs')} services (${shareText(n / total)}) ; ${restText} encore aucun en ligne, même en partie.`;
}

function endToEndSentences(a: KindAggregates, noun: Noun): string[] {
  const p = pronouns(noun);
  const total = a.authorities;
  const sentences = a.endToEnd.moreThan.map(({ threshold, count }) => {
    const what = `plus de ${formatCount(threshold)} services de bout en bout`;
    if (count === 0) return `${none(noun)} ne propose ${what}.`;
    if (count === total)
      return `${total === 1 ? countedAtStart(1, noun) : all(noun)} ${verb(total, 'propose', 'proposent')} ${what}.`;
    if (count === 1) return `${onlyOne(noun)} propose ${what}.`;
    return `${countedAtStart(count, noun)} proposent ${what} (${shareText(count / total)}).`;
  });
  const parts = a.endToEnd.fewerThan.map(({ threshold, count }) => {
    const what = `moins de ${formatCount(threshold)}`;
    if (count === 0) return `${p.none} n’en propose ${what}`;
    if (count === total && total > 1) return `${p.all} en proposent ${what}`;
    if (count === 1) return `${p.one} en propose ${what}`;
    return `${countText(count, noun.gender)} en proposent ${what} (${shareText(count / total)})`;
  });
  if (parts.length > 0)
    sentences.push(
      `${sentences.length > 0 ? 'À l’inverse, ' : `Parmi ${noun.gender === 'feminine' ? 'elles' : 'eux'}, `}${parts.join(' ; ')}.`,
    );
  return sentences;
}

function servicesText(n: number): string {
  return `${countText(n)} service${n === 1 ? '' : 's'}`;
}

function medianSentence(a: KindAggregates, noun: Noun): string {
  const s = a.endToEnd.summary;
  const { min, max } = a.servicesApplicable;
  const expected =
    min === max
      ? `sur ${servicesText(max)} attendus`
      : `sur ${countText(min)} à ${servicesText(max)} attendus selon les compétences`;
  const article = noun.gender === 'feminine' ? 'une' : 'un';
  return `En médiane, ${article} ${noun.singular} propose ${figureText(s.median)} service${s.median === 1 ? '' : 's'} de bout en bout ${expected} (moyenne : ${formatDecimal(s.mean, 1)} ; de ${figureText(s.min)} à ${figureText(s.max)}).`;
}

function coverageSentence(a: KindAggregates, noun: Noun): string | null {
  const c = a.coverage;
  const total = a.authorities;
  const n = c.themesApplicable;
  if (n !== null && n < 4) {
    // With three themes or fewer, « all but one » and « two to all but two » say little: count full coverage.
    return `${c.all === total ? all(noun) : c.all === 0 ? none(noun) : countedAtStart(c.all, noun)} ${verb(c.all === total ? total : Math.max(c.all, 1), 'couvre', 'couvrent')} ${n === 1 ? 'la thématique' : `les ${spellNumber(n, 'feminine')} thématiques`}.`;
  }
  const high =
    n === null
      ? 'toutes leurs thématiques ou toutes sauf une'
      : `au moins ${spellNumber(n - 1, 'feminine')} des ${spellNumber(n, 'feminine')} thématiques`;
  const middleRange =
    n === null ? 'de deux thématiques à toutes sauf deux' : `de deux à ${spellNumber(n - 2, 'feminine')}`;
  const share = (count: number) => `(${shareText(count / total)})`;
  if (c.low === total) return `${all(noun)} couvrent une thématique au plus.`;
  const head =
    c.allButOne === 0
      ? `${none(noun)} ne couvre ${high}`
      : c.allButOne === total
        ? `${all(noun)} couvrent ${high}`
        : `${countedAtStart(c.allButOne, noun)} ${share(c.allButOne)} ${verb(c.allButOne, 'couvre', 'couvrent')} ${high}`;
  const rest: string[] = [];
  if (c.middle > 0)
    rest.push(
      `${countText(c.middle, noun.gender)} ${share(c.middle)} en ${verb(c.middle, 'couvre', 'couvrent')} ${middleRange}`,
    );
  if (c.low > 0) rest.push(`${countText(c.low, noun.gender)} ${share(c.low)} une ou aucune`);
  return `${head}${rest.length > 0 ? ` ; ${rest.join(', ')}` : ''} (une thématique est couverte dès qu’un de ses services est proposé en ligne, au moins en partie).`;
}

/** A share as a percentage, « moins de 1 % » rather than a misleading « 0 % ». */
function shareText(share: number): string {
  return share > 0 && share < 0.005 ? `moins de 1${NBSP}%` : percentText(share);
}

const NBSP = '\u00a0';

const themeText = (t: ThemeAggregate) => `${t.name} (${percentText(t.rate)})`;

function themesSentence(themes: readonly ThemeAggregate[]): string | null {
  if (themes.length === 0) return null;
  const definition = ' (part des services proposés en ligne, au moins en partie)';
  if (themes.length === 1)
    return `La seule thématique, ${themeText(themes[0] as ThemeAggregate)}${definition}.`;
  const worstRank = (themes.at(-1) as ThemeAggregate).rank;
  if (worstRank === 1) {
    return `Toutes les thématiques sont digitalisées au même niveau (${percentText((themes[0] as ThemeAggregate).rate)})${definition}.`;
  }
  const k = themes.length >= 4 ? 2 : 1;
  // Every theme tied with the k-th best (or k-th worst) is named with it.
  const topRank = (themes[k - 1] as ThemeAggregate).rank;
  const top = themes.filter((t) => t.rank <= topRank);
  const bottomRank = (themes[themes.length - k] as ThemeAggregate).rank;
  const bottom = themes.filter((t) => t.rank >= bottomRank && !top.includes(t)).reverse();
  const most =
    top.length === 1 ? 'La thématique la plus digitalisée est' : 'Les thématiques les plus digitalisées sont';
  const least = bottom.length === 1 ? 'la moins digitalisée' : 'les moins digitalisées';
  const tail = bottom.length > 0 ? ` ; ${least}, ${listText(bottom.map(themeText))}` : '';
  return `${most} ${listText(top.map(themeText))}${tail}${definition}.`;
}

function indexSentence(a: KindAggregates, noun: Noun): string {
  const s = a.index.summary;
  const decimals = 1;
  const range = `L’indice de numérisation va de ${formatDecimal(s.min, decimals)} à ${formatDecimal(s.max, decimals)} sur 100 (médiane : ${formatDecimal(s.median, decimals)})`;
  const best = a.index.best;
  const score = formatDecimal(best[0]?.index ?? 0, decimals);
  if (best.length === a.authorities && best.length > 1)
    return `${range} ; ${all(noun).toLowerCase()} ont le même indice.`;
  if (best.length === 1) return `${range} ; le meilleur revient à ${best[0]?.name} (${score}).`;
  const names = best.length <= 3 ? listText(best.map((b) => b.name)) : counted(best.length, noun);
  return `${range} ; ${names} se partagent le meilleur (${score}).`;
}

export const X_LABELS: Record<CorrelationX, string> = {
  population: 'la population',
  operating_revenue: 'les recettes réelles de fonctionnement',
  revenue_per_inhabitant: 'les recettes de fonctionnement par habitant',
};
export const Y_LABELS: Record<CorrelationY, string> = {
  end_to_end: 'le nombre de services de bout en bout',
  index: 'l’indice de numérisation',
};

export function correlationFinding(c: CorrelationAggregate): string {
  const between = `La corrélation entre ${X_LABELS[c.x]} et ${Y_LABELS[c.y]}`;
  const reading = readCorrelation(c.pearson);
  if (c.pearson.status !== 'ok' || reading === null) {
    const why = c.pearson.status === 'ok' ? '' : c.pearson.message.replace(/^Non calculable : /, '');
    return `${between} n’est pas calculable : ${why}.`;
  }
  const strength = reading.description
    .replace(/^corrélation /, '')
    .replace(/ (faible|modérée|forte)$/, ' et $1');
  const rho =
    c.spearman.status === 'ok'
      ? ` Le ρ de Spearman, moins sensible aux valeurs extrêmes, vaut ${formatDecimal(c.spearman.coefficient)}.`
      : '';
  return `${between} est ${strength} (${formatCorrelationFigures(c.pearson)} ; ${formatPValue(c.pearson.pValue)}), ${reading.significance}.${rho}`;
}

function correlationSentences(a: KindAggregates, noun: Noun): string[] {
  const sentences: string[] = [];
  const missing = a.authorities - a.withPopulation;
  if (missing > 0) {
    const participle = `écarté${noun.gender === 'feminine' ? 'e' : ''}${missing === 1 ? '' : 's'}`;
    sentences.push(
      `${countedAtStart(missing, noun)} sans population connue ${verb(missing, 'est', 'sont')} ${participle} des corrélations avec la population et des groupes de pairs.`,
    );
  }
  // Without any revenue imported, say so once rather than six times « not computable ».
  const financial = (c: CorrelationAggregate) => c.x !== 'population';
  if (a.withRevenue === 0) {
    sentences.push(
      `Faute de recettes de fonctionnement importées pour les ${noun.plural}, leurs corrélations avec les finances ne sont pas calculées (barometre import finances).`,
    );
  }
  sentences.push(...a.correlations.filter((c) => a.withRevenue > 0 || !financial(c)).map(correlationFinding));
  sentences.push(CORRELATION_CAVEAT);
  return sentences;
}
