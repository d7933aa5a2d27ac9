/**
 * A minimal PageContent extractor for crawler tests (title, headings, links), so that crawl
 * tests do not depend on the detection module's full extractor.
 */
import { Parser } from 'htmlparser2';
import type { PageContent } from '../../src/detection/page.ts';

export function simpleExtract(url: string, html: string): PageContent {
  const content: PageContent = {
    url,
    title: '',
    headings: [],
    text: '',
    links: [],
    forms: [],
    resources: [],
    hasResponsiveViewport: false,
    lang: null,
  };
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        if (name === 'html' && attributes.lang) content.lang = attributes.lang.toLowerCase();
        if (name === 'a' && attributes.href !== undefined) {
          try {
            const href = new URL(attributes.href, url);
            href.hash = '';
            content.links.push({ href: href.href, text: '' });
          } catch {
            // unreadable href: not a link
          }
        }
      },
      ontext(text) {
        if (inTitle) content.title += text;
        content.text += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  content.title = content.title.trim();
  return content;
}
