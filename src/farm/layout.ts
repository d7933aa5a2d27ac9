import { type BodyPart, type FarmResponse, SESSION_SLOT } from './routes.ts';
import type { SiteProfile } from './site-profile.ts';
import { escapeHtml, toLatin1Safe } from './text.ts';
import { FARM_TRACKERS } from './trackers.ts';

/**
 * The chrome of a site's pages (head, banner, header with the menus, footer), rendered once per
 * site and shared by all its pages as Buffers, and the helpers templates use to link.
 */

/** In template strings, where a session id goes; turned into SESSION_SLOT when encoding. */
const SLOT_MARK = '\u0000';

export const FARM_BANNER_TEXT = 'Site simulé — données fictives';

export interface NavLink {
  label: string;
  href: string;
}

export interface NavSection extends NavLink {
  items: NavLink[];
}

export interface Chrome {
  nav: NavSection[];
  /** Footer links, already hrefs. */
  footer: NavLink[];
  /** "Accessibilité : partiellement conforme", or null when the site says nothing. */
  accessibilityMention: NavLink | null;
  search: { action: string; field: string } | null;
  privateArea: NavLink | null;
}

export class SiteLayout {
  private chromeParts: { headStart: Buffer; afterTitle: BodyPart[]; footer: BodyPart[] } | null = null;
  readonly origin: string;

  constructor(readonly profile: SiteProfile) {
    this.origin = `${profile.scheme}://${profile.mainHost}`;
  }

  /** Link target for a path of the main host, carrying a session id on session-id sites. */
  href(path: string): string {
    if (!path.startsWith('/')) return path; // absolute URL of another host
    switch (this.profile.session) {
      case null:
        return path;
      case 'jsessionid': {
        const queryStart = path.indexOf('?');
        return queryStart === -1
          ? `${path};jsessionid=${SLOT_MARK}`
          : `${path.slice(0, queryStart)};jsessionid=${SLOT_MARK}${path.slice(queryStart)}`;
      }
      case 'phpsessid':
        return `${path}${path.includes('?') ? '&' : '?'}PHPSESSID=${SLOT_MARK}`;
    }
  }

  /** Canonical absolute URL of a path of the main host (ground truth, sitemaps). */
  url(path: string, host = this.profile.mainHost): string {
    return `${this.profile.scheme}://${host}${path}`;
  }

  /** `<a>` to a main-host path. */
  a(path: string, text: string, attributes = ''): string {
    return `<a href="${escapeHtml(this.href(path))}"${attributes}>${escapeHtml(text)}</a>`;
  }

  encode(html: string): Buffer {
    return this.profile.charset === 'iso-8859-1'
      ? Buffer.from(toLatin1Safe(html), 'latin1')
      : Buffer.from(html, 'utf8');
  }

  contentType(): string {
    if (this.profile.charset === 'utf-8') return 'text/html; charset=utf-8';
    return this.profile.charsetIn === 'meta' ? 'text/html' : 'text/html; charset=iso-8859-1';
  }

  setChrome(chrome: Chrome): void {
    const { profile } = this;
    const charsetMeta =
      profile.charset === 'utf-8'
        ? '<meta charset="utf-8">'
        : profile.charsetIn === 'header'
          ? ''
          : '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">';
    const headStart = `<!DOCTYPE html>\n<html lang="fr">\n<head>\n${charsetMeta}\n<title>`;
    const viewport = profile.viewport
      ? '<meta name="viewport" content="width=device-width, initial-scale=1">'
      : '<meta name="HandheldFriendly" content="false">';
    const afterTitle =
      `</title>\n${viewport}\n<link rel="stylesheet" href="/assets/css/site.css">\n${this.scripts()}</head>\n` +
      `<body class="cms-${profile.style}">\n<div class="farm-banner" role="note">${FARM_BANNER_TEXT}</div>\n` +
      `<a class="skip" href="#contenu">Aller au contenu</a>\n${this.header(chrome)}\n${this.mainOpen()}`;
    const footer = `${this.mainClose()}\n${this.footer(chrome)}\n</body>\n</html>\n`;
    this.chromeParts = {
      headStart: this.encode(headStart),
      afterTitle: this.split(afterTitle),
      footer: this.split(footer),
    };
  }

  /** A full HTML page of the main host (or of a second host, with the same chrome). */
  page(title: string, main: string, options: { status?: number; delayMs?: number } = {}): FarmResponse {
    if (this.chromeParts === null) throw new Error('SiteLayout.page before setChrome');
    const fullTitle =
      this.profile.style === 'wordpress'
        ? `${title} – ${this.profile.name}`
        : `${title} | ${this.profile.name}`;
    return {
      status: options.status ?? 200,
      headers: { 'content-type': this.contentType() },
      body: [
        this.chromeParts.headStart,
        this.encode(escapeHtml(fullTitle)),
        ...this.chromeParts.afterTitle,
        ...this.split(main),
        ...this.chromeParts.footer,
      ],
      ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
    };
  }

  /** Splits encoded HTML at session-id marks. */
  private split(html: string): BodyPart[] {
    if (!html.includes(SLOT_MARK)) return [this.encode(html)];
    const parts: BodyPart[] = [];
    html.split(SLOT_MARK).forEach((chunk, index) => {
      if (index > 0) parts.push(SESSION_SLOT);
      if (chunk !== '') parts.push(this.encode(chunk));
    });
    return parts;
  }

  private scripts(): string {
    const { profile } = this;
    const tags: string[] = [];
    for (const key of profile.trackers) {
      if (key === 'youtube') continue; // an iframe on the home page, not a script
      const src = FARM_TRACKERS[key].src.replace('{id}', profile.trackerId);
      tags.push(`<script async src="${escapeHtml(src)}"></script>`);
    }
    if (profile.selfHostedMatomo) {
      tags.push(
        '<script>var _paq = window._paq = window._paq || []; _paq.push(["trackPageView"]);</script>',
        `<script async src="${this.url('/matomo/matomo.js')}"></script>`,
      );
    }
    return tags.length === 0 ? '' : `${tags.join('\n')}\n`;
  }

  private header(chrome: Chrome): string {
    const { profile } = this;
    const logo = `<a class="logo" href="${escapeHtml(this.href(profile.homePath))}" title="Accueil - ${escapeHtml(profile.name)}">${escapeHtml(profile.name)}</a>`;
    const search = chrome.search
      ? `<form role="search" class="search" action="${escapeHtml(chrome.search.action)}" method="get">` +
        `<label for="q">Rechercher</label><input type="search" id="q" name="${chrome.search.field}" placeholder="Rechercher sur le site">` +
        '<button type="submit">OK</button></form>'
      : '';
    const menu = chrome.nav
      .map(
        (section) =>
          `<li>${this.a(section.href, section.label)}${section.items.length === 0 ? '' : `<ul>${section.items.map((item) => `<li>${this.a(item.href, item.label)}</li>`).join('')}</ul>`}</li>`,
      )
      .join('');
    switch (profile.style) {
      case 'drupal':
        return `<header role="banner">${logo}${search}<nav aria-label="Menu principal"><ul class="menu">${menu}</ul></nav></header>`;
      case 'wordpress':
        return `<header id="masthead" class="site-header">${logo}${search}<nav id="site-navigation" class="main-navigation"><ul>${menu}</ul></nav></header>`;
      case 'jcms':
        return `<div id="header">${logo}${search}<div class="menu-principal"><ul>${menu}</ul></div></div>`;
      case 'legacy':
        return `<table class="page" width="100%"><tr><td class="bandeau" colspan="2">${logo}${search}</td></tr><tr><td class="menu" valign="top"><ul>${menu}</ul></td>`;
    }
  }

  private mainOpen(): string {
    switch (this.profile.style) {
      case 'drupal':
      case 'wordpress':
        return '<main id="contenu">';
      case 'jcms':
        return '<div id="contenu" role="main">';
      case 'legacy':
        return '<td class="contenu" valign="top"><a name="contenu"></a>';
    }
  }

  private mainClose(): string {
    switch (this.profile.style) {
      case 'drupal':
      case 'wordpress':
        return '</main>';
      case 'jcms':
        return '</div>';
      case 'legacy':
        return '</td></tr></table>';
    }
  }

  private footer(chrome: Chrome): string {
    const links = [...chrome.footer];
    if (chrome.accessibilityMention) links.push(chrome.accessibilityMention);
    if (chrome.privateArea) links.push(chrome.privateArea);
    const items = links.map((link) => `<li>${this.a(link.href, link.label)}</li>`).join('');
    const social =
      '<a href="https://www.facebook.com/">Facebook</a> <a href="https://x.com/">X</a> <a href="https://www.linkedin.com/">LinkedIn</a>';
    const address = `<p class="adresse">${escapeHtml(this.profile.words.building)} - ${escapeHtml(this.profile.name)}</p>`;
    return this.profile.style === 'drupal' || this.profile.style === 'wordpress'
      ? `<footer role="contentinfo">${address}<ul class="footer-links">${items}</ul><p class="social">${social}</p></footer>`
      : `<div id="footer">${address}<ul>${items}</ul><p>${social}</p></div>`;
  }
}
