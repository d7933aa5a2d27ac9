import { describe, expect, it } from 'vitest';
import { regressionLine } from '../../indicators/statistics/correlation.ts';
import { histogram as computeHistogram } from '../../indicators/statistics/descriptive.ts';
import { NARROW_NBSP } from '../../shared/french-typography.ts';
import { barChart } from './bar-chart.ts';
import { histogram } from './histogram.ts';
import { scatterPlot } from './scatter-plot.ts';

const text = { id: 'graphique', title: 'Titre du graphique', description: 'Ce que montre le graphique.' };

/** What every chart must be: an accessible image with no style for the CSP to block. */
function expectAccessibleSvg(svg: string) {
  expect(svg).toMatch(/^<svg[^>]* role="img"/);
  expect(svg).toContain('aria-labelledby="graphique-title"');
  expect(svg).toContain('aria-describedby="graphique-desc"');
  expect(svg).toContain('<title id="graphique-title">Titre du graphique</title>');
  expect(svg).toContain('<desc id="graphique-desc">Ce que montre le graphique.</desc>');
  expect(svg).not.toMatch(/<style|\sstyle=|aria-description/);
}

describe('barChart', () => {
  const bars = [
    { label: 'Solidarités', value: 1500 },
    { label: 'Sport', value: 300 },
    { label: 'Voirie & transport', value: 900 },
  ];

  it('is an accessible SVG without inline style', () => {
    expectAccessibleSvg(barChart({ ...text, bars, valueLabel: 'Démarches' }));
  });

  it('draws one bar per entry, labels escaped, in the given order', () => {
    const svg = barChart({ ...text, bars, valueLabel: 'Démarches' });
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('Voirie &amp; transport');
    const order = ['Solidarités', 'Sport', 'Voirie &amp; transport'].map((label) =>
      svg.indexOf(`>${label}<`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('wraps a long label over lines instead of cutting it at the margin', () => {
    const label = 'Développer le territoire (réseaux, tiers-lieux, inclusion)';
    const svg = barChart({ ...text, bars: [{ label, value: 1 }], valueLabel: 'Part' });
    const lines = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join(' ').replace(/- /g, '-')).toBe(label);
  });

  it('writes axis figures the French way', () => {
    const svg = barChart({ ...text, bars, valueLabel: 'Démarches' });
    expect(svg).toContain(`>1${NARROW_NBSP}400<`);
    const decimal = barChart({
      ...text,
      bars: [{ label: 'a', value: 0.5 }],
      valueLabel: 'Part',
      decimals: 1,
    });
    expect(decimal).toContain('>0,5<');
  });
});

describe('histogram', () => {
  it('draws one rectangle per bin, with its count as height', () => {
    const { bins } = computeHistogram([1, 2, 3, 4, ...Array(8).fill(15), 35, 40], [0, 10, 20, 30, 40]);
    const svg = histogram({ ...text, bins, valueLabel: 'Score' });
    expectAccessibleSvg(svg);
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(4);
    // Bin 2 holds twice bin 1 and four times bin 4; the empty bin is flat.
    expect(heights[1]).toBeCloseTo((heights[0] as number) * 2, 0);
    expect(heights[1]).toBeCloseTo((heights[3] as number) * 4, 0);
    expect(heights[2]).toBe(0);
  });
});

describe('scatterPlot', () => {
  const points = [
    { x: 1, y: 2, label: 'a' },
    { x: 2, y: 4.1, label: 'b' },
    { x: 3, y: 5.9, label: 'c' },
    { x: 4, y: 8.2, label: 'd' },
  ];

  it('draws the points and the regression line from the statistics module across the range of x', () => {
    const fit = regressionLine(
      points.map((p) => p.x),
      points.map((p) => p.y),
    );
    if (fit.status !== 'ok') throw new Error('no regression');
    const svg = scatterPlot({
      ...text,
      points,
      xLabel: 'x',
      yLabel: 'y',
      regression: { slope: fit.slope, intercept: fit.intercept },
    });
    expectAccessibleSvg(svg);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).toMatch(/class="bm-regression"/);
    expect(svg.match(/<path [^>]*d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+"/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('draws no line when there is no regression', () => {
    const svg = scatterPlot({ ...text, points, xLabel: 'x', yLabel: 'y', regression: null });
    expect(svg).not.toContain('bm-regression');
  });
});
