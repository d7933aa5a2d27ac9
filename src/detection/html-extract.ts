import { Parser } from 'htmlparser2';
import type { PageContent, PageForm, PageFormField, PageLink, PageSection } from './page.ts';

/**
 * Turns an HTML document (already decoded to a string) into the PageContent the detectors
 * read, in one streaming pass of htmlparser2: no DOM is built, since this runs on every page
 * the crawler fetches.
 */

/** Elements whose text is never visible. */
const HIDDEN = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'iframe',
  'object',
  // Form controls: their options and default values are not prose.
  'select',
  'datalist',
  'textarea',
]);
/** Elements that start a new line of text. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'option',
  'label',
  'button',
  'select',
  'textarea',
]);
/** Elements that hold the page's own content: a header or footer inside them is not the site's. */
const CONTENT = new Set(['main', 'article', 'section']);
const BOILERPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'menubar', 'menu']);
/** id or class names that old sites use for site navigation instead of <nav>/<header>/<footer>. */
const BOILERPLATE_NAMES = new Set([
  'nav',
  'navbar',
  'navigation',
  'menu',
  'main-menu',
  'mainmenu',
  'megamenu',
  'menu-principal',
  'header',
  'site-header',
  'footer',
  'site-footer',
  'pied-de-page',
  'breadcrumb',
  'breadcrumbs',
  'fil-ariane',
  'skip-links',
  'skiplinks',
  'evitement',
]);
const SEARCH_FIELD_NAME =
  /^(q|s|search|recherche|keys|keywords?|query|motcle|mots?-?cles?|text|texte|terms?)$/i;
const SEARCH_ACTION = /(^|[/?=_-])(search|recherche|rechercher)([/?=_.-]|$)/i;
const NOT_FIELDS = new Set(['hidden', 'submit', 'image', 'reset', 'button']);

// Bit flags of an open element.
const F_HIDDEN = 1;
const F_BOILERPLATE = 2;
const F_CONTENT = 4;
const F_HEADING = 8;
const F_LINK = 16;
const F_LABEL = 32;
const F_FORM = 64;
const F_TITLE = 128;
const F_SEARCH = 256;

interface OpenLink {
  rawHref: string;
  parts: string[];
  fallback: string;
  boilerplate: boolean;
  section: number | undefined;
}

interface OpenForm {
  rawAction: string | null;
  method: 'get' | 'post';
  fields: Array<PageFormField & { id?: string }>;
  hasFileUpload: boolean;
  hasSubmit: boolean;
  roleSearch: boolean;
  boilerplate: boolean;
  section: number | undefined;
}

interface OpenLabel {
  parts: string[];
  htmlFor: string | undefined;
  fields: PageFormField[];
}

/** Whitespace runs to one space, trimmed; the common already-clean case allocates nothing. */
function collapse(text: string): string {
  let clean = true;
  let previousSpace = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32) {
      if (previousSpace) {
        clean = false;
        break;
      }
      previousSpace = true;
    } else if (
      code < 32 ||
      code === 160 ||
      (code >= 0x2000 && (code <= 0x200a || code === 0x202f || code === 0x3000))
    ) {
      clean = false;
      break;
    } else {
      previousSpace = false;
    }
  }
  if (clean && !previousSpace) return text;
  return text.replace(/\s+/g, ' ').trim();
}

const BOILERPLATE_CLASS = new RegExp(`(?:^|\\s)(?:${[...BOILERPLATE_NAMES].join('|')})(?:\\s|$)`, 'i');

function hasBoilerplateName(attribs: Record<string, string>): boolean {
  const { id, class: className } = attribs;
  if (id !== undefined && BOILERPLATE_NAMES.has(id.toLowerCase())) return true;
  return className !== undefined && className !== '' && BOILERPLATE_CLASS.test(className);
}

/** Absolute http(s) or mailto URL without fragment, or null for anything else. */
function resolveHref(raw: string, base: URL | null): string | null {
  const href = raw.trim();
  if (href === '' || href.startsWith('#') || base === null) return null;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') return null;
  url.hash = '';
  return url.href;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function extractPage(url: string, html: string): PageContent {
  const pageUrl = parseUrl(url);
  let baseHref: string | null = null;
  let title = '';
  let titleDone = false;
  let lang: string | null = null;
  let hasResponsiveViewport = false;

  const headings: string[] = [];
  const lines: string[] = [];
  const sections: Array<{ heading: string; level: number; lines: string[] }> = [
    { heading: '', level: 0, lines: [] },
  ];
  const rawLinks: OpenLink[] = [];
  const rawForms: OpenForm[] = [];
  const rawResources: string[] = [];

  const tags: string[] = [];
  const flags: number[] = [];
  let inTitle = false;
  let hiddenDepth = 0;
  let boilerplateDepth = 0;
  let contentDepth = 0;

  let line: string[] = [];
  let titleParts: string[] = [];
  let heading: { parts: string[]; level: number } | null = null;
  const links: OpenLink[] = [];
  let form: OpenForm | null = null;
  const labels: OpenLabel[] = [];
  const labelsByFor = new Map<string, string>();

  const currentSection = (): number | undefined => (boilerplateDepth > 0 ? undefined : sections.length - 1);

  const flushLine = () => {
    if (line.length === 0) return;
    const text = collapse(line.join(''));
    line = [];
    if (text === '') return;
    lines.push(text);
    (sections[sections.length - 1] as { lines: string[] }).lines.push(text);
  };

  const addField = (field: PageFormField & { id?: string }) => {
    if (form === null) return;
    form.fields.push(field);
    const label = labels[labels.length - 1];
    if (label !== undefined) label.fields.push(field);
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        let flag = 0;
        if (HIDDEN.has(name) || attribs.hidden !== undefined || attribs['aria-hidden'] === 'true') {
          flag |= F_HIDDEN;
          hiddenDepth++;
        }
        const role = attribs.role;
        const isBoilerplate =
          name === 'nav' ||
          ((name === 'header' || name === 'footer') && contentDepth === 0) ||
          (role !== undefined && BOILERPLATE_ROLES.has(role)) ||
          hasBoilerplateName(attribs);
        if (isBoilerplate) {
          flag |= F_BOILERPLATE;
          boilerplateDepth++;
        }
        if (CONTENT.has(name) || role === 'main') {
          flag |= F_CONTENT;
          contentDepth++;
        }
        if (role === 'search') flag |= F_SEARCH;
        if (BLOCKS.has(name)) flushLine();

        switch (name) {
          case 'html':
            if (attribs.lang) lang = attribs.lang.trim().toLowerCase() || null;
            break;
          case 'base':
            if (baseHref === null && attribs.href) baseHref = attribs.href;
            break;
          case 'meta':
            if (
              attribs.name?.toLowerCase() === 'viewport' &&
              /width\s*=\s*device-width/i.test(attribs.content ?? '')
            ) {
              hasResponsiveViewport = true;
            }
            break;
          case 'title':
            if (!titleDone && hiddenDepth <= 1 && tags.every((tag) => tag !== 'svg')) {
              flag |= F_TITLE;
              inTitle = true;
              titleParts = [];
            }
            break;
          case 'h1':
          case 'h2':
          case 'h3':
            if (hiddenDepth === 0 && boilerplateDepth === 0) {
              flag |= F_HEADING;
              heading = { parts: [], level: Number(name[1]) };
            }
            break;
          case 'a':
            if (attribs.href !== undefined) {
              flag |= F_LINK;
              const link: OpenLink = {
                rawHref: attribs.href,
                parts: [],
                fallback: attribs['aria-label'] ?? attribs.title ?? '',
                boilerplate: boilerplateDepth > 0,
                section: currentSection(),
              };
              links.push(link);
              rawLinks.push(link);
            }
            break;
          case 'img':
            if (attribs.alt) {
              for (const link of links) if (link.fallback === '') link.fallback = attribs.alt;
            }
            break;
          case 'script':
          case 'iframe':
          case 'embed':
            if (attribs.src) rawResources.push(attribs.src);
            break;
          case 'form':
            flag |= F_FORM;
            form = {
              rawAction: attribs.action?.trim() ? attribs.action : null,
              method: attribs.method?.toLowerCase() === 'post' ? 'post' : 'get',
              fields: [],
              hasFileUpload: false,
              hasSubmit: false,
              roleSearch: role === 'search' || flags.some((open) => (open & F_SEARCH) !== 0),
              boilerplate: boilerplateDepth > 0,
              section: currentSection(),
            };
            rawForms.push(form);
            break;
          case 'label':
            flag |= F_LABEL;
            labels.push({ parts: [], htmlFor: attribs.for, fields: [] });
            break;
          case 'input': {
            const type = (attribs.type ?? 'text').toLowerCase();
            if (form === null) break;
            if (type === 'submit' || type === 'image') form.hasSubmit = true;
            if (NOT_FIELDS.has(type)) break;
            if (type === 'file') form.hasFileUpload = true;
            addField({
              type,
              name: attribs.name ?? '',
              label: attribs['aria-label'] ?? attribs.placeholder ?? attribs.title ?? '',
              ...(attribs.id ? { id: attribs.id } : {}),
            });
            break;
          }
          case 'select':
          case 'textarea':
            addField({
              type: name,
              name: attribs.name ?? '',
              label: attribs['aria-label'] ?? attribs.placeholder ?? attribs.title ?? '',
              ...(attribs.id ? { id: attribs.id } : {}),
            });
            break;
          case 'button': {
            const type = (attribs.type ?? 'submit').toLowerCase();
            if (form !== null && type === 'submit') form.hasSubmit = true;
            break;
          }
        }
        tags.push(name);
        flags.push(flag);
      },

      ontext(data) {
        if (inTitle) {
          titleParts.push(data);
          return;
        }
        if (hiddenDepth > 0) return;
        for (const link of links) link.parts.push(data);
        for (const label of labels) label.parts.push(data);
        if (heading !== null) heading.parts.push(data);
        if (boilerplateDepth === 0) line.push(data);
      },

      onclosetag(name) {
        const flag = flags.pop() ?? 0;
        tags.pop();
        if (BLOCKS.has(name)) flushLine();
        if ((flag & F_TITLE) !== 0) {
          title = collapse(titleParts.join(''));
          titleDone = true;
          inTitle = false;
        }
        if ((flag & F_HEADING) !== 0 && heading !== null) {
          const text = collapse(heading.parts.join(''));
          if (text !== '') {
            headings.push(text);
            sections.push({ heading: text, level: heading.level, lines: [text] });
            // The heading is its own line of text, and opens its section.
            const last = sections[sections.length - 2];
            if (last !== undefined && last.lines.at(-1) === text) last.lines.pop();
          }
          heading = null;
        }
        if ((flag & F_LINK) !== 0) links.pop();
        if ((flag & F_LABEL) !== 0) {
          const label = labels.pop();
          if (label !== undefined) {
            const text = collapse(label.parts.join(''));
            for (const field of label.fields) if (field.label === '') field.label = text;
            if (label.htmlFor) labelsByFor.set(label.htmlFor, text);
          }
        }
        if ((flag & F_FORM) !== 0) form = null;
        if ((flag & F_HIDDEN) !== 0) hiddenDepth--;
        if ((flag & F_BOILERPLATE) !== 0) boilerplateDepth--;
        if ((flag & F_CONTENT) !== 0) contentDepth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  flushLine();

  const base = baseHref !== null && pageUrl !== null ? parseUrl(new URL(baseHref, pageUrl).href) : pageUrl;

  const pageLinks: PageLink[] = [];
  for (const link of rawLinks) {
    const href = resolveHref(link.rawHref, base);
    if (href === null) continue;
    const text = collapse(link.parts.join('')) || collapse(link.fallback);
    pageLinks.push({
      href,
      text,
      ...(link.boilerplate ? { boilerplate: true } : {}),
      ...(link.section !== undefined ? { section: link.section } : {}),
    });
  }

  const forms: PageForm[] = rawForms.map((raw) => {
    const fields: PageFormField[] = raw.fields.map(({ id, ...field }) => ({
      ...field,
      label: field.label || (id !== undefined ? (labelsByFor.get(id) ?? '') : ''),
    }));
    const action = raw.rawAction === null ? null : resolveHref(raw.rawAction, base);
    return {
      action,
      method: raw.method,
      fields,
      hasFileUpload: raw.hasFileUpload,
      hasSubmit: raw.hasSubmit,
      isSearch: isSearchForm(raw, fields, action),
      ...(raw.section !== undefined ? { section: raw.section } : {}),
    };
  });

  const resources: string[] = [];
  for (const raw of rawResources) {
    const resolved = resolveHref(raw, base);
    if (resolved !== null && !resolved.startsWith('mailto:') && !resources.includes(resolved)) {
      resources.push(resolved);
    }
  }

  // The leading section is kept even when empty, so that section indexes stay stable.
  const pageSections: PageSection[] = sections.map((section) => ({
    heading: section.heading,
    level: section.level,
    text: section.lines.join('\n'),
  }));

  return {
    url: pageUrl?.href ?? url,
    title,
    headings,
    text: lines.join('\n'),
    sections: pageSections,
    links: pageLinks,
    forms,
    resources,
    hasResponsiveViewport,
    lang,
  };
}

function isSearchForm(raw: OpenForm, fields: PageFormField[], action: string | null): boolean {
  if (raw.roleSearch) return true;
  if (fields.some((field) => field.type === 'search')) return true;
  if (action !== null && SEARCH_ACTION.test(new URL(action).pathname)) return true;
  const typed = fields.filter((field) => field.type !== 'checkbox' && field.type !== 'radio');
  return typed.length <= 2 && typed.some((field) => SEARCH_FIELD_NAME.test(field.name));
}
