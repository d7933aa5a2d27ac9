import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { frenchTypography } from '../../shared/french-typography.ts';

/**
 * Observable Plot rendered on the server into a light DOM (linkedom), returned as SVG text to
 * inline in a page. Plot adds a <style> element, which our CSP (no inline styles) would block:
 * it is removed and the stylesheet carries the equivalent rules (.bm-plot). Every chart gets a
 * <title> and a <desc> referenced by aria-labelledby/aria-describedby, and role="img".
 */

export interface ChartText {
  /** Unique in the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  /** A sentence saying what the chart shows, read by screen readers. */
  description: string;
}

// One document for every render: Plot only needs it to create elements.
const { document } = parseHTML('<!doctype html><html><body></body></html>');

/** The few DOM members used here (the project's type library has no DOM). */
interface SvgElement {
  ownerDocument: { createElementNS(ns: string, name: string): SvgElement };
  firstChild: SvgElement | null;
  textContent: string | null;
  outerHTML: string;
  querySelectorAll(selector: string): Iterable<SvgElement>;
  remove(): void;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  insertBefore(node: SvgElement, before: SvgElement | null): void;
}

export function renderPlot(options: Plot.PlotOptions, text: ChartText): string {
  const svg = Plot.plot({ ...options, document, className: 'bm-plot' }) as unknown as SvgElement;
  return accessibleSvg(svg, text);
}

/** The SVG element with its style removed and an accessible name and description, as text. */
export function accessibleSvg(svg: SvgElement, text: ChartText): string {
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  for (const styled of [svg, ...svg.querySelectorAll('[style]')]) styled.removeAttribute('style');
  // Plot labels its groups ("bar", "rule"); aria-label on a <g> without a role is not allowed,
  // and the whole image is named by its title and description instead.
  for (const labelled of [svg, ...svg.querySelectorAll('[aria-label], [aria-description]')]) {
    labelled.removeAttribute('aria-label');
    labelled.removeAttribute('aria-description');
  }
  const ownerDocument = svg.ownerDocument;
  const title = ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.setAttribute('id', `${text.id}-title`);
  title.textContent = frenchTypography(text.title);
  const desc = ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'desc');
  desc.setAttribute('id', `${text.id}-desc`);
  desc.textContent = frenchTypography(text.description);
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${text.id}-title`);
  svg.setAttribute('aria-describedby', `${text.id}-desc`);
  svg.setAttribute('focusable', 'false');
  return svg.outerHTML;
}
