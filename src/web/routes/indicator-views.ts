import type { ServiceRate } from '../../assessments/theme-service-rates.query.ts';
import type { AuthorityKind, EditionRow } from '../../db/schema.ts';
import type { KindAggregates, ThemeAggregate } from '../../indicators/aggregates.rules.ts';
import type { StoredIndicatorRun } from '../../indicators/indicators.service.ts';
import type { AuthorityIndicators } from '../../indicators/indicators.types.ts';
import { type ThemePerformer, themePerformers } from '../../indicators/peer-comparison.rules.ts';
import type { ThemeSummary } from '../../referential/themes.query.ts';
import { UserError } from '../../shared/errors.ts';
import type { WebServices } from '../web-services.ts';
import { kindFromSlug } from './kind-slugs.ts';

/**
 * What the theme and analysis pages show: the current edition, its stored indicator run and
 * the kind of authority the reader chose (?type=…), among the kinds the run has.
 */
export interface EditionKindView {
  edition: EditionRow | undefined;
  simulated: boolean;
  run: StoredIndicatorRun | undefined;
  /** Kinds with indicators, in the run's order. */
  kinds: AuthorityKind[];
  kind: AuthorityKind | undefined;
  aggregates: KindAggregates | undefined;
}

/** Départements first when the run has them: the panel every edition covers. */
const DEFAULT_KIND: AuthorityKind = 'departement';

async function loadEditionKind(
  services: WebServices,
  kindSlug: string | undefined,
): Promise<EditionKindView> {
  const requested = kindSlug === undefined ? undefined : kindFromSlug(kindSlug);
  if (kindSlug !== undefined && requested === undefined)
    throw new UserError('input_invalid', `Type de collectivité inconnu : « ${kindSlug} »`);
  const edition = await services.currentEdition();
  if (!edition)
    return { edition, simulated: false, run: undefined, kinds: [], kind: undefined, aggregates: undefined };
  const [run, audit] = await Promise.all([
    services.indicatorRun(edition.year),
    services.latestAuditRun(edition.id),
  ]);
  const kinds = run?.aggregates.kinds.map((k) => k.kind) ?? [];
  const kind = requested ?? (kinds.includes(DEFAULT_KIND) ? DEFAULT_KIND : kinds[0]);
  const aggregates = run?.aggregates.kinds.find((k) => k.kind === kind);
  return { edition, simulated: audit?.simulated === true, run, kinds, kind, aggregates };
}

export interface ThemesView extends EditionKindView {
  themes: ThemeSummary[];
}

export async function loadThemesView(
  services: WebServices,
  kindSlug: string | undefined,
): Promise<ThemesView> {
  const base = await loadEditionKind(services, kindSlug);
  const themes = base.edition ? await services.themes(base.edition.referential_version) : [];
  return { ...base, themes };
}

export interface ThemeView extends EditionKindView {
  theme: ThemeSummary;
  /** The theme's line of the run's ranking for the kind, if it applies to that kind. */
  ranking: ThemeAggregate | undefined;
  rates: ServiceRate[];
  performers: ThemePerformer[];
}

export const PERFORMERS_SHOWN = 10;

export async function loadThemeView(
  services: WebServices,
  key: string,
  kindSlug: string | undefined,
): Promise<ThemeView> {
  const base = await loadThemesView(services, kindSlug);
  const theme = base.themes.find((t) => t.key === key);
  if (!base.edition || !theme) throw new UserError('not_found', 'Thématique introuvable');
  const { edition, kind } = base;
  let rates: ServiceRate[] = [];
  let indicators: AuthorityIndicators[] = [];
  if (kind) {
    [rates, indicators] = await Promise.all([
      services.themeServiceRates({
        editionId: edition.id,
        referentialVersion: edition.referential_version,
        themeKey: key,
        kind,
      }),
      services.kindIndicators(edition.year, kind),
    ]);
  }
  return {
    ...base,
    theme,
    ranking: base.aggregates?.themes.find((t) => t.key === key),
    rates,
    performers: themePerformers(indicators, key, PERFORMERS_SHOWN),
  };
}

export interface AnalysesView extends EditionKindView {
  indicators: AuthorityIndicators[];
}

export async function loadAnalysesView(
  services: WebServices,
  kindSlug: string | undefined,
): Promise<AnalysesView> {
  const base = await loadEditionKind(services, kindSlug);
  const indicators =
    base.edition && base.kind && base.run ? await services.kindIndicators(base.edition.year, base.kind) : [];
  return { ...base, indicators };
}
