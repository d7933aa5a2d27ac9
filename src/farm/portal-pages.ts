import type { ContentContext } from './content-pages.ts';
import type { FarmResponse } from './routes.ts';
import { requestForm } from './service-constructs.ts';
import { escapeHtml } from './text.ts';

/**
 * The pages every public site is expected to have (and some lack): accessibility statement,
 * legal notice, contact, personal data, the private area, robots.txt and sitemap.xml.
 */

const AUDITORS = ['Access42', 'Atalan', 'Temesis', 'Ipedis', 'un prestataire indépendant'];

export function accessibilityStatement(ctx: ContentContext): string {
  const { rng, profile } = ctx;
  const status = profile.accessibility;
  const site = escapeHtml(profile.mainHost);
  const rate = profile.conformityRate;
  const rateText = rate === undefined ? '' : `${String(rate).replace('.', ',')} %`;
  let state: string;
  switch (status) {
    case 'totalement':
      state = `<p>Le site ${site} est <strong>totalement conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.2.</p>`;
      break;
    case 'partiellement':
      state = rng.pick([
        `<p>Le site ${site} est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.</p>`,
        `<p>Le site n’est pas encore totalement conforme : il est partiellement conforme avec le RGAA version 4.1.2.</p>`,
        `<p>État de conformité : partiellement conforme (RGAA 4.1).</p>`,
      ]);
      break;
    case 'non':
      state = `<p>Le site ${site} est <strong>non conforme</strong> avec le RGAA version 4.1. ${rate === undefined ? 'Il n’a encore fait l’objet d’aucun audit de conformité.' : 'Les non-conformités sont énumérées ci-dessous.'}</p>`;
      break;
    case 'absente':
      throw new Error('no accessibility statement on this site');
  }
  const results =
    rate === undefined
      ? ''
      : `<h2>Résultats des tests</h2><p>${rng.pick([
          `L’audit de conformité réalisé par ${rng.pick(AUDITORS)} révèle que ${rateText} des critères du RGAA version 4 sont respectés.`,
          `Taux de conformité : ${rateText}.`,
          `L’audit fait apparaître un taux de conformité de ${rateText}.`,
        ])}</p>`;
  const issues =
    status === 'totalement'
      ? ''
      : '<h2>Contenus non accessibles</h2><ul><li>Certaines images n’ont pas d’alternative textuelle.</li><li>Des documents PDF ne sont pas balisés.</li><li>Le contraste de certains textes est insuffisant.</li></ul>';
  return (
    `<h1>${rng.pick(['Déclaration d’accessibilité', 'Accessibilité', 'Déclaration d’accessibilité du site'])}</h1>` +
    `<p>${escapeHtml(profile.words.the.charAt(0).toUpperCase() + profile.words.the.slice(1))} s’engage à rendre ses sites internet accessibles conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.</p>` +
    `<h2>État de conformité</h2>${state}${results}${issues}` +
    `<h2>Établissement de cette déclaration</h2><p>Cette déclaration a été établie le ${rng.int(1, 28)}/${String(rng.int(1, 12)).padStart(2, '0')}/${rng.pick([2023, 2024, 2025])}.</p>` +
    '<h2>Voies de recours</h2><p>Vous pouvez saisir le Défenseur des droits si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu.</p>'
  );
}

export function accessibilityMentionLabel(status: 'totalement' | 'partiellement' | 'non'): string {
  return `Accessibilité : ${status === 'non' ? 'non' : status} conforme`;
}

export function legalNotice(ctx: ContentContext): string {
  const { rng, profile } = ctx;
  return (
    `<h1>${rng.pick(['Mentions légales', 'Informations légales'])}</h1>` +
    `<h2>Éditeur</h2><p>${escapeHtml(profile.name)}, ${escapeHtml(profile.words.building)}.</p>` +
    `<h2>Directeur de la publication</h2><p>${rng.pick(['Le président', 'La présidente', 'Le maire', 'La maire'])}.</p>` +
    `<h2>Hébergement</h2><p>${rng.pick(['OVH SAS, 2 rue Kellermann, 59100 Roubaix', 'Scaleway SAS, 8 rue de la Ville-l’Évêque, 75008 Paris', 'Hébergé par le service informatique de la collectivité'])}.</p>` +
    '<h2>Propriété intellectuelle</h2><p>Les contenus de ce site sont soumis au droit d’auteur. Toute reproduction est soumise à autorisation.</p>'
  );
}

/** A general contact page (not a démarche): address, hours and sometimes a message form. */
export function contactPage(ctx: ContentContext): string {
  const { rng, profile } = ctx;
  const address = `<p>${escapeHtml(profile.words.building)}<br>Tél. : 0${rng.int(1, 5)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}<br>Du lundi au vendredi, de 8 h 30 à 17 h.</p>`;
  if (rng.chance(0.4)) return `<h1>Contact</h1>${address}`;
  const form =
    '<form method="post" action="/contact/envoi"><label for="c-nom">Nom</label><input id="c-nom" name="nom" type="text" required>' +
    '<label for="c-mel">Courriel</label><input id="c-mel" name="courriel" type="email" required>' +
    '<label for="c-objet">Objet</label><select id="c-objet" name="objet"><option>Question générale</option><option>Réclamation</option></select>' +
    '<label for="c-msg">Message</label><textarea id="c-msg" name="message"></textarea><button type="submit">Envoyer</button></form>';
  return `<h1>${rng.pick(['Nous contacter', 'Contactez-nous', 'Contact'])}</h1>${address}<h2>Écrire un message</h2>${form}`;
}

/** The contact page of a commune or EPCI, which is the referential's "contacter la mairie" service. */
export function contactServicePage(ctx: ContentContext, level: 1 | 2 | 3 | 4, followUpHref: string): string {
  const { rng, profile } = ctx;
  const head = `<h1>Contacter ${escapeHtml(profile.words.the)}</h1><p>${escapeHtml(profile.words.building)} - accueil du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h.</p>`;
  switch (level) {
    case 1:
      return `${head}<p>Tél. : 0${rng.int(1, 5)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}</p>`;
    case 2:
      return `${head}<p>Écrivez-nous par courriel : <a href="mailto:mairie@${ctx.domain}">mairie@${ctx.domain}</a>.</p>`;
    case 3:
      return `${head}<h2>Formulaire de contact</h2>${requestForm(rng, '/contact/envoi')}`;
    case 4:
      return `${head}<h2>Faire une demande en ligne</h2><p>Connectez-vous à votre espace personnel pour déposer une demande et suivre son traitement.</p>${requestForm(rng, '/contact/envoi')}<p><a href="${escapeHtml(followUpHref)}">Suivre ma demande</a></p>`;
  }
}

export function privacyPage(ctx: ContentContext): string {
  const { profile } = ctx;
  const measured =
    profile.trackers.length > 0
      ? `<p>Ce site utilise des services tiers susceptibles de déposer des cookies : ${profile.trackers.map(escapeHtml).join(', ')}.</p>`
      : '<p>Ce site ne dépose aucun cookie de mesure d’audience soumis à consentement.</p>';
  return `<h1>Données personnelles</h1><p>Les données collectées par les formulaires sont traitées par ${escapeHtml(profile.words.the)} pour répondre à vos demandes.</p>${measured}`;
}

export function privateLoginPage(): string {
  return (
    '<h1>Espace élus - Connexion</h1><p>Accès réservé aux élus et aux agents.</p>' +
    '<form method="post" action="/espace-prive/connexion"><label for="login">Identifiant</label><input id="login" name="login" type="text">' +
    '<label for="pass">Mot de passe</label><input id="pass" name="password" type="password"><button type="submit">Se connecter</button></form>' +
    '<p><a href="/espace-prive/documents">Documents de séance</a></p>'
  );
}

export function robotsTxt(ctx: ContentContext, sitemapUrl: string | null): FarmResponse {
  const { profile, rng } = ctx;
  const lines = ['User-agent: *'];
  if (profile.robots.disallowPrivate) lines.push('Disallow: /espace-prive/');
  lines.push(
    {
      drupal: 'Disallow: /user/login',
      wordpress: 'Disallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php',
      jcms: 'Disallow: /jcms/admin/',
      legacy: 'Disallow: /cgi-bin/',
    }[profile.style],
  );
  if (profile.robots.crawlDelay !== null) lines.push(`Crawl-delay: ${profile.robots.crawlDelay}`);
  if (rng.chance(0.3)) lines.push('', 'User-agent: GPTBot', 'Disallow: /');
  if (sitemapUrl !== null && profile.robots.declareSitemap) lines.push('', `Sitemap: ${sitemapUrl}`);
  return text(`${lines.join('\n')}\n`, 'text/plain; charset=utf-8');
}

export function sitemapXml(urls: readonly string[]): FarmResponse {
  const entries = urls.map((url) => `<url><loc>${escapeHtml(url)}</loc></url>`).join('\n');
  return text(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</urlset>\n`,
    'application/xml',
  );
}

export function sitemapIndexXml(urls: readonly string[]): FarmResponse {
  const entries = urls.map((url) => `<sitemap><loc>${escapeHtml(url)}</loc></sitemap>`).join('\n');
  return text(
    `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</sitemapindex>\n`,
    'application/xml',
  );
}

function text(body: string, contentType: string): FarmResponse {
  return { status: 200, headers: { 'content-type': contentType }, body: [Buffer.from(body, 'utf8')] };
}
