/**
 * What detection reads of a web page: the contract between the crawler (which fetches and
 * parses pages) and the detectors (pure functions). Every URL here is absolute.
 */

export interface PageLink {
  /** Absolute URL, fragment removed. */
  href: string;
  /** Visible text of the link (or its title/aria-label/img alt when it has none), whitespace collapsed. */
  text: string;
  /** Inside nav/header/footer (or their ARIA roles): site navigation, not the page's own content. */
  boilerplate?: boolean;
  /** Index in `sections` of the part of the main content the link sits in (absent for boilerplate). */
  section?: number;
}

export interface PageFormField {
  /** input type ("text", "email", "file", "checkbox"…), or "select" / "textarea". */
  type: string;
  name: string;
  /** Text of the associated <label>, aria-label or placeholder. */
  label: string;
}

export interface PageForm {
  /** Absolute action URL; null when the form posts to the page itself. */
  action: string | null;
  method: 'get' | 'post';
  fields: PageFormField[];
  hasFileUpload: boolean;
  hasSubmit: boolean;
  /** A site-search form (role=search, a single search/q field…). */
  isSearch: boolean;
  /** Index in `sections` of the part of the main content the form sits in (absent for boilerplate). */
  section?: number;
}

/** A part of the main content: a heading (h1–h3) and the text up to the next one. */
export interface PageSection {
  /** Heading text; "" for the text before the first heading. */
  heading: string;
  /** 1–3; 0 for the text before the first heading. */
  level: number;
  /** Lines of text, one per block element, whitespace collapsed within each line. */
  text: string;
}

export interface PageContent {
  url: string;
  title: string;
  /** h1–h3 texts in document order. */
  headings: string[];
  /**
   * Visible text of the main content (scripts, styles, nav/footer boilerplate excluded when marked
   * up as such): one line per block element, whitespace collapsed within each line.
   */
  text: string;
  /**
   * The same text cut at its h1–h3 headings, for detectors that need to know which part of a
   * page a phrase, link or form belongs to. Optional: pages built from plain text have none.
   */
  sections?: PageSection[];
  links: PageLink[];
  forms: PageForm[];
  /** Absolute src of external scripts and iframes, for tracker and platform fingerprints. */
  resources: string[];
  /** <meta name="viewport"> present with width=device-width. */
  hasResponsiveViewport: boolean;
  /** <html lang>, lowercase, e.g. "fr". */
  lang: string | null;
}
