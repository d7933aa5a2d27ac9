import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * Outlines of the five overseas départements, for the map's insets. They come from Natural
 * Earth's 1:10m country boundaries (public domain) as redistributed by the world-atlas package
 * (ISC): France's multipolygon there includes its overseas regions, and each island group is
 * picked out by its bounding box. See data/maps/README.md.
 */

export const OVERSEAS_DEPARTEMENTS = [
  { code: '971', name: 'Guadeloupe', box: [-61.9, 15.8, -60.9, 16.6] },
  { code: '972', name: 'Martinique', box: [-61.3, 14.3, -60.7, 14.95] },
  { code: '973', name: 'Guyane', box: [-54.7, 2.0, -51.5, 5.9] },
  { code: '974', name: 'La Réunion', box: [55.1, -21.5, 56.0, -20.8] },
  { code: '976', name: 'Mayotte', box: [44.9, -13.1, 45.4, -12.6] },
] as const;

export type OverseasCode = (typeof OVERSEAS_DEPARTEMENTS)[number]['code'];

let shapes: Map<OverseasCode, Feature<MultiPolygon>> | undefined;

/** One MultiPolygon per overseas département, read once per process (about 0.3 s). */
export function overseasShapes(): Map<OverseasCode, Feature<MultiPolygon>> {
  shapes ??= readShapes();
  return shapes;
}

function readShapes(): Map<OverseasCode, Feature<MultiPolygon>> {
  const require = createRequire(import.meta.url);
  const file = require.resolve('world-atlas/countries-10m.json');
  const topology = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const countries = feature(topology, topology.objects.countries);
  const france = countries.features.find((f) => f.properties?.name === 'France');
  if (!france) throw new Error('world-atlas: France is missing from countries-10m.json');
  const geometry = france.geometry as MultiPolygon | Polygon;
  const polygons: Position[][][] =
    geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates];
  const result = new Map<OverseasCode, Feature<MultiPolygon>>();
  for (const { code, name, box } of OVERSEAS_DEPARTEMENTS) {
    const [west, south, east, north] = box;
    const inBox = polygons.filter((polygon) => {
      const [lon, lat] = polygon[0]?.[0] ?? [Number.NaN, Number.NaN];
      return (
        lon !== undefined && lat !== undefined && lon >= west && lon <= east && lat >= south && lat <= north
      );
    });
    if (inBox.length === 0) throw new Error(`world-atlas: no outline found for ${name} (${code})`);
    result.set(code, {
      type: 'Feature',
      properties: { code, name },
      geometry: { type: 'MultiPolygon', coordinates: inBox },
    });
  }
  return result;
}
