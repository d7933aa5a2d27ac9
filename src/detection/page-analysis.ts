import { normalizeFrench, tokenizeFrench } from '../shared/french-text.ts';
import type { PageAnalysis, PageBlock, PageSectionInfo } from './detection.types.ts';
import type { PageContent, PageSection } from './page.ts';

/**
 * The page cut into blocks (title, headings, lines of text, main-content links, URL path),
 * each tokenised once, and grouped into sections: detectors match words in blocks, and the
 * level rules tie a level signal to the services of its block or section.
 */

/** A line short enough, and without final punctuation, to be a heading in plain text. */
const MAX_GUESSED_HEADING = 80;

function guessSections(page: PageContent): PageSection[] {
  const lines = page.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const sections: PageSection[] = [{ heading: '', level: 0, text: '' }];
  const texts: string[][] = [[]];
  const headings = new Set(page.headings.map((heading) => normalizeFrench(heading)));
  lines.forEach((line, index) => {
    const known = headings.size > 0 && headings.has(normalizeFrench(line));
    const looksLikeHeading =
      lines.length > 1 &&
      line.length <= MAX_GUESSED_HEADING &&
      !/[.;,:!…]$/.test(line) &&
      !/^[-–•*·]/.test(line) &&
      // Lists of items ("A · B · C", "Nom — Adresse — Envoyer") and "label : value" lines are not headings.
      !/[·|:—]| - /.test(line) &&
      // A heading is followed by text, not by another heading-like line only.
      index < lines.length - 1;
    if (known || (page.headings.length === 0 && looksLikeHeading)) {
      sections.push({ heading: line, level: sections.length === 1 && index === 0 ? 1 : 2, text: line });
      texts.push([line]);
    } else {
      (texts[texts.length - 1] as string[]).push(line);
    }
  });
  return sections.map((section, index) => ({ ...section, text: (texts[index] ?? []).join('\n') }));
}

function urlPath(url: string): string {
  let pathname: string;
  try {
    const parsed = new URL(url);
    pathname = decodeURIComponent(parsed.pathname);
    // Old sites route pages through the query string: "index.php?page=cantine".
    for (const value of parsed.searchParams.values()) {
      if (/^[a-z][a-z0-9_-]{2,}$/i.test(value)) pathname += `/${value}`;
    }
  } catch {
    return '';
  }
  return normalizeFrench(pathname)
    .replace(/\.(s?html?|php|aspx?|jsp)(?=\/|$)/g, '')
    .replace(/\s+/g, '-');
}

export function analyzePage(page: PageContent): PageAnalysis {
  const blocks: PageBlock[] = [];
  const add = (block: Omit<PageBlock, 'index' | 'tokens'>): number => {
    const index = blocks.length;
    blocks.push({ ...block, index, tokens: tokenizeFrench(block.text) });
    return index;
  };

  const path = urlPath(page.url);
  if (page.title.trim() !== '') add({ field: 'title', section: -1, text: page.title });
  add({ field: 'url', section: -1, text: path.replace(/[/_.-]+/g, ' ') });

  const pageSections = page.sections && page.sections.length > 0 ? page.sections : guessSections(page);
  const sections: PageSectionInfo[] = pageSections.map((section, sectionIndex) => {
    const ids: number[] = [];
    const lines = section.text.split('\n').filter((line) => line.trim() !== '');
    if (section.heading !== '') {
      ids.push(
        add({ field: 'heading', section: sectionIndex, headingLevel: section.level, text: section.heading }),
      );
      // The heading opens the section's text: do not read it twice.
      if (lines[0] !== undefined && lines[0].trim() === section.heading.trim()) lines.shift();
    }
    for (const line of lines) ids.push(add({ field: 'line', section: sectionIndex, text: line }));
    return { heading: section.heading, level: section.level, blocks: ids };
  });

  page.links.forEach((link, linkIndex) => {
    if (link.boilerplate) return;
    const section = link.section !== undefined && link.section < sections.length ? link.section : -1;
    const index = add({ field: 'link', section, text: link.text, link: linkIndex });
    if (section >= 0) sections[section]?.blocks.push(index);
  });

  return { blocks, sections, path };
}
