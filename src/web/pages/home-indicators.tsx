import type { KindAggregates } from '../../indicators/aggregates.rules.ts';
import type { FindingsSection } from '../../indicators/findings/findings.rules.ts';
import type { StoredIndicatorRun } from '../../indicators/indicators.service.ts';
import type { RankingRow } from '../../indicators/queries/ranking-page.query.ts';
import {
  formatDecimal,
  formatInteger,
  formatPercent,
  frenchTypography,
  plural,
} from '../../shared/french-typography.ts';
import { barChart } from '../charts/bar-chart.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DepartementMapSection } from '../components/departement-map.tsx';
import type { MapValue } from '../map/france-map.ts';
import { indexScale } from '../map/map-scale.ts';
import { authorityPath } from '../routes/kind-slugs.ts';

/** The home page's part once the edition's indicators are computed, all read from stored results. */
export interface HomeIndicators {
  run: StoredIndicatorRun;
  findings: FindingsSection[];
  /** Every département of the edition's panel with its stored index (the map). */
  departements: RankingRow[];
}

/** The kind the home page leads with: départements when the panel has them (the demo, the first editions). */
export function leadKind(run: StoredIndicatorRun): KindAggregates | undefined {
  const kinds = run.aggregates.kinds;
  return kinds.find((k) => k.kind === 'departement') ?? kinds[0];
}

export function KeyFigures({ indicators }: { indicators: HomeIndicators }) {
  const lead = leadKind(indicators.run);
  if (!lead) return null;
  const noun = lead.kind === 'departement' ? 'département' : 'collectivité';
  const figures: [string, string][] = [
    [formatInteger(indicators.run.authorities), 'collectivités classées'],
    [formatDecimal(lead.index.summary.median), `indice médian par ${noun}, sur 100`],
    [formatDecimal(lead.endToEnd.summary.median, 0), `démarches de bout en bout par ${noun} (médiane)`],
    [
      formatPercent(lead.authorities ? lead.engaged / lead.authorities : 0, 0),
      `des ${noun}s ont au moins un service en partie en ligne`,
    ],
  ];
  return (
    <section aria-labelledby="chiffres-titre">
      <h2 class="govuk-heading-l" id="chiffres-titre">
        {`L’édition ${indicators.run.edition.year} en chiffres`}
      </h2>
      <ul class="bm-figures">
        {figures.map(([value, label]) => (
          <li class="bm-figure">
            <span class="bm-figure__value">{value}</span>
            <span class="bm-figure__label">{frenchTypography(label)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Findings({ findings }: { findings: readonly FindingsSection[] }) {
  if (findings.length === 0) return null;
  return (
    <section aria-labelledby="constats-titre">
      <h2 class="govuk-heading-l" id="constats-titre">
        Les constats
      </h2>
      {findings.map((section) => (
        <>
          <h3 class="govuk-heading-m">{frenchTypography(section.heading)}</h3>
          <ul class="govuk-list govuk-list--bullet">
            {section.sentences.map((sentence) => (
              <li>{frenchTypography(sentence)}</li>
            ))}
          </ul>
        </>
      ))}
      <p class="govuk-body">
        <a class="govuk-link" href="/classements">
          Voir le classement complet
        </a>
      </p>
    </section>
  );
}

/** The index by département; a département outside the panel is « non classé », never a zero. */
export function IndexMap({
  indicators,
  names,
}: {
  indicators: HomeIndicators;
  names: readonly { code: string; name: string }[];
}) {
  const byCode = new Map(indicators.departements.map((d) => [d.code, d]));
  const values: MapValue[] = names.map(({ code, name }) => {
    const row = byCode.get(code);
    return {
      code,
      name,
      value: row ? row.index : null,
      valueText: row ? `indice ${formatDecimal(row.index)} sur 100` : 'non classé',
    };
  });
  const ranked = indicators.departements;
  const title = 'Indice du Baromètre par département';
  const best = [...ranked].sort((a, b) => b.index - a.index)[0];
  const summary = best
    ? `${plural(ranked.length, 'département classé', 'départements classés')} ; indice le plus élevé : ${best.name} (${formatDecimal(best.index)} sur 100).`
    : 'Aucun département n’est classé dans cette édition.';
  const map = {
    id: 'carte-indice',
    title,
    description: summary,
    values,
    scale: indexScale(),
    legendTitle: 'Indice du Baromètre, sur 100',
    noDataLabel: 'Non classé',
  };
  return (
    <DepartementMapSection
      map={map}
      source="Source : indicateurs calculés de l’édition."
      table={
        <DataTable
          caption={title}
          captionClass="govuk-table__caption--s"
          rows={[...ranked].sort((a, b) => a.code.localeCompare(b.code))}
          columns={[
            { header: 'Département', cell: (d) => <a href={authorityPath(d)}>{d.name}</a> },
            { header: 'Code', cell: (d) => d.code },
            { header: 'Indice sur 100', numeric: true, cell: (d) => formatDecimal(d.index) },
            {
              header: 'Rang',
              numeric: true,
              cell: (d) => `${formatInteger(d.rank)} sur ${formatInteger(d.rankTotal)}`,
            },
            { header: 'Démarches de bout en bout', numeric: true, cell: (d) => formatInteger(d.endToEnd) },
          ]}
        />
      }
    />
  );
}

/** Themes of the lead kind by digitalisation rate (level 2 or more), as ranked in the aggregates. */
export function ThemesChart({ indicators }: { indicators: HomeIndicators }) {
  const lead = leadKind(indicators.run);
  const themes = lead ? [...lead.themes].sort((a, b) => a.rank - b.rank) : [];
  if (themes.length === 0) return null;
  const title = 'Thématiques selon leur part de services numérisés';
  const top = themes[0] as (typeof themes)[number];
  const summary = `${top.name} est la thématique la plus numérisée : ${formatPercent(top.rate)} de ses services applicables sont au moins en partie en ligne (niveau 2 ou plus).`;
  return (
    <section aria-labelledby="thematiques-titre">
      <h2 class="govuk-heading-l" id="thematiques-titre">
        Classement des thématiques
      </h2>
      <ChartFigure
        title={title}
        summary={summary}
        svg={barChart({
          id: 'graphique-thematiques',
          title,
          description: summary,
          bars: themes.map((t) => ({ label: t.name, value: t.rate * 100 })),
          valueLabel: 'Services numérisés (niveau 2 ou plus), en %',
        })}
        table={
          <DataTable
            caption={title}
            captionClass="govuk-table__caption--s"
            rows={themes}
            columns={[
              { header: 'Thématique', cell: (t) => t.name },
              { header: 'Rang', numeric: true, cell: (t) => formatInteger(t.rank) },
              { header: 'Services numérisés', numeric: true, cell: (t) => formatPercent(t.rate) },
              {
                header: 'De bout en bout',
                numeric: true,
                cell: (t) => formatPercent(t.applicable ? t.endToEnd / t.applicable : 0),
              },
              {
                header: 'Collectivités concernées',
                numeric: true,
                cell: (t) => formatInteger(t.authorities),
              },
            ]}
          />
        }
      />
    </section>
  );
}
