import { FARM_BANNER_TEXT } from './layout.ts';
import type { FarmResponse } from './routes.ts';
import type { SiteProfile } from './site-profile.ts';
import { escapeHtml, toLatin1Safe } from './text.ts';

/**
 * Chrome of a site's second hosts: the authority's e-services portal (a separate product, in
 * UTF-8, linking back to the main site) and an old section left on www2 in ISO-8859-1.
 */

export function eservicesPage(profile: SiteProfile, title: string, main: string): FarmResponse {
  const home = `${profile.scheme}://${profile.mainHost}${profile.homePath}`;
  const html =
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)} - Portail des démarches - ${escapeHtml(profile.name)}</title></head><body>` +
    `<div class="farm-banner" role="note">${FARM_BANNER_TEXT}</div>` +
    `<header><a href="/">Portail des démarches</a> · <a href="${escapeHtml(home)}">${escapeHtml(profile.name)}</a>` +
    '<nav aria-label="Portail"><a href="/">Toutes les démarches en ligne</a></nav></header>' +
    `<main id="contenu">${main}</main><footer><a href="${escapeHtml(home)}">Retour au site</a></footer></body></html>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: [Buffer.from(html, 'utf8')],
  };
}

export function legacyHostPage(profile: SiteProfile, title: string, main: string): FarmResponse {
  const home = `${profile.scheme}://${profile.mainHost}${profile.homePath}`;
  const html =
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">' +
    `<title>${escapeHtml(title)} - ${escapeHtml(profile.name)}</title></head><body bgcolor="#ffffff">` +
    `<div class="farm-banner" role="note">${FARM_BANNER_TEXT}</div>` +
    `<table width="760"><tr><td><a href="/">Archives</a> | <a href="${escapeHtml(home)}">Nouveau site</a></td></tr>` +
    `<tr><td>${main}</td></tr></table></body></html>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=iso-8859-1' },
    body: [Buffer.from(toLatin1Safe(html), 'latin1')],
  };
}
