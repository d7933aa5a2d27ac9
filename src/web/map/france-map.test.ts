import { describe, expect, it } from 'vitest';
import { franceMap, type MapValue } from './france-map.ts';
import { CLASS_COLOURS, integerScale, NO_DATA_COLOUR } from './map-scale.ts';
import { OVERSEAS_DEPARTEMENTS, overseasShapes } from './overseas-shapes.ts';

describe('integerScale', () => {
  it('keeps 0 in a class of its own and splits the rest into equal integer ranges', () => {
    const scale = integerScale([0, 3, 8, null]);
    expect(scale.classes.map((c) => c.label)).toEqual(['0', '1 à 2', '3 à 4', '5 à 6', '7 à 8']);
    expect(scale.colourOf(0)).toBe(CLASS_COLOURS[0]);
    expect(scale.colourOf(2)).toBe(CLASS_COLOURS[1]);
    expect(scale.colourOf(8)).toBe(CLASS_COLOURS[4]);
  });

  it('gives missing values their own colour, never the colour of zero', () => {
    const scale = integerScale([0, 1]);
    expect(scale.colourOf(null)).toBe(NO_DATA_COLOUR);
    expect(scale.colourOf(undefined)).toBe(NO_DATA_COLOUR);
    expect(NO_DATA_COLOUR).not.toBe(CLASS_COLOURS[0]);
  });

  it('has fewer classes when the maximum is small, and only zero when everything is zero', () => {
    expect(integerScale([0, 1, 2]).classes.map((c) => c.label)).toEqual(['0', '1', '2']);
    expect(integerScale([0, 0]).classes.map((c) => c.label)).toEqual(['0']);
  });
});

describe('overseasShapes', () => {
  it('finds an outline for each of the five overseas départements', () => {
    const shapes = overseasShapes();
    expect([...shapes.keys()]).toEqual(['971', '972', '973', '974', '976']);
    for (const { code, box } of OVERSEAS_DEPARTEMENTS) {
      const polygons = shapes.get(code)?.geometry.coordinates ?? [];
      expect(polygons.length, code).toBeGreaterThan(0);
      for (const polygon of polygons)
        for (const [lon, lat] of polygon[0] ?? []) {
          expect(lon).toBeGreaterThanOrEqual(box[0] - 0.5);
          expect(lat).toBeLessThanOrEqual(box[3] + 0.5);
        }
    }
  });
});

describe('franceMap', () => {
  const values: MapValue[] = [
    { code: '01', name: 'Ain', value: 3, valueText: '3 démarches' },
    { code: '2A', name: 'Corse-du-Sud', value: 0, valueText: '0 démarche' },
    { code: '974', name: 'La Réunion', value: 6, valueText: '6 démarches' },
  ];
  const scale = integerScale(values.map((v) => v.value));
  const svg = franceMap({
    id: 'carte',
    title: 'Titre & carte',
    description: 'Description.',
    values,
    scale,
    legendTitle: 'Légende',
  });

  it('draws the 96 metropolitan and the 5 overseas départements', () => {
    expect(svg.match(/<path class="bm-map__area"/g)).toHaveLength(101);
    for (const name of ['Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte'])
      expect(svg).toContain(`<text class="bm-map__inset-label" x="0" y="105">${name}</text>`);
  });

  it('fills each département with the colour of its class, and no data in grey', () => {
    const fillOf = (label: string) => svg.match(new RegExp(`fill="(#[0-9a-f]{6})"><title>${label}`))?.[1];
    expect(fillOf('Ain\u00a0: 3 démarches')).toBe(scale.colourOf(3));
    expect(fillOf('Corse-du-Sud\u00a0: 0 démarche')).toBe(CLASS_COLOURS[0]);
    expect(fillOf('La Réunion\u00a0: 6 démarches')).toBe(scale.colourOf(6));
    expect(fillOf('Mayotte\u00a0: pas de donnée')).toBe(NO_DATA_COLOUR);
    expect(fillOf('Aisne\u00a0: pas de donnée')).toBe(NO_DATA_COLOUR);
  });

  it('is an accessible image with a legend of every class and of missing data', () => {
    expect(svg).toMatch(
      /^<svg [^>]*role="img"[^>]*aria-labelledby="carte-title" aria-describedby="carte-desc"/,
    );
    expect(svg).toContain('<title id="carte-title">Titre &amp; carte</title>');
    for (const c of scale.classes) expect(svg).toContain(`>${c.label}</text>`);
    expect(svg).toContain('>non évalué</text>');
    expect(svg).not.toMatch(/\sstyle=|<style/);
  });
});
