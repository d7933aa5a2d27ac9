import type { ReferentialService } from '../referential/referential.schema.ts';
import type { ServiceChannel } from './farm.types.ts';
import type { SiteLayout } from './layout.ts';
import { pdfResponse } from './pdf.ts';
import { FARM_PLATFORMS, type PlatformKey, type PlatformPages } from './platforms.ts';
import type { Rng } from './random.ts';
import type { FarmResponse } from './routes.ts';
import { eservicesPage } from './second-hosts.ts';
import type { SitePaths } from './site-paths.ts';
import type { SiteProfile } from './site-profile.ts';
import { escapeHtml } from './text.ts';

/**
 * The part of a service page that makes its level: a PDF to send back, a booking link, an
 * e-mail request, an online form, a platform, an account with follow-up, online payment.
 * Each construct has several wordings and structures.
 */

export interface ServiceContext {
  profile: SiteProfile;
  layout: SiteLayout;
  paths: SitePaths;
  platforms: PlatformPages;
  rng: Rng;
  /** Registrable domain of the site ("departement-01.test"). */
  domain: string;
  add(host: string, path: string, response: FarmResponse): void;
}

export interface LevelBlock {
  how: string;
  after: string;
  platformUrl?: string;
}

const FIELDS: readonly (readonly [type: string, name: string, label: string])[] = [
  ['text', 'nom', 'Nom'],
  ['text', 'prenom', 'Prénom'],
  ['email', 'courriel', 'Adresse électronique'],
  ['tel', 'telephone', 'Téléphone'],
  ['text', 'adresse', 'Adresse postale'],
  ['text', 'code_postal', 'Code postal'],
  ['date', 'date_naissance', 'Date de naissance'],
  ['select', 'situation', 'Votre situation'],
  ['textarea', 'message', 'Précisions sur votre demande'],
];
const UPLOAD_LABELS = [
  'Pièces justificatives (PDF, JPG ou PNG)',
  'Joindre un document (5 Mo maximum)',
  'Justificatifs à joindre',
  'Téléverser vos pièces',
];
const SUBMITS = [
  '<button type="submit">Envoyer ma demande</button>',
  '<input type="submit" value="Valider la demande">',
  '<button type="submit" class="btn btn-primary">Transmettre</button>',
  '<button type="submit">Déposer mon dossier</button>',
];

/** An online request form with labelled fields, a file upload and a submit button. */
export function requestForm(rng: Rng, action: string): string {
  const prefix = `f${rng.hex(4)}`;
  const fields = [...FIELDS.slice(0, 3), ...rng.sample(FIELDS.slice(3), rng.int(1, 4))].map(
    ([type, name, label]) => {
      const id = `${prefix}-${name}`;
      const control =
        type === 'select'
          ? `<select id="${id}" name="${name}"><option>Particulier</option><option>Professionnel</option><option>Association</option></select>`
          : type === 'textarea'
            ? `<textarea id="${id}" name="${name}" rows="4"></textarea>`
            : `<input type="${type}" id="${id}" name="${name}" required>`;
      return `<div class="field"><label for="${id}">${label}</label>${control}</div>`;
    },
  );
  const upload = `<div class="field"><label for="${prefix}-pj">${rng.pick(UPLOAD_LABELS)}</label><input type="file" id="${prefix}-pj" name="pieces_jointes" multiple></div>`;
  const consent = `<div class="field"><input type="checkbox" id="${prefix}-rgpd" name="rgpd" required><label for="${prefix}-rgpd">J’accepte que mes données soient utilisées pour traiter ma demande</label></div>`;
  return `<form method="post" action="${escapeHtml(action)}" enctype="multipart/form-data">${fields.join('')}${upload}${consent}${rng.pick(SUBMITS)}</form>`;
}

/** FranceConnect button and account links, as e-service portals show them. */
export function accountBox(rng: Rng, followUpHref: string, franceConnectUrl: string): string {
  const fc =
    `<div class="franceconnect"><a href="${franceConnectUrl}">S’identifier avec FranceConnect</a> ` +
    `<a href="${franceConnectUrl}">Qu’est-ce que FranceConnect ?</a></div>`;
  const follow = rng.pick([
    'Suivre ma demande',
    'Suivre mes demandes',
    'Voir l’état de ma demande',
    'Mes démarches en cours',
  ]);
  return `<div class="compte"><p>${rng.pick(['Connectez-vous à votre compte', 'Identifiez-vous à votre espace personnel', 'Accédez à votre espace'])} ou créez-le en quelques minutes.</p>${fc}<p><a href="${escapeHtml(followUpHref)}">${follow}</a></p></div>`;
}

const LETTER_ONLY_AFTER = [
  '<p>Une réponse vous est adressée par courrier dans un délai de deux mois.</p>',
  '<p>Le service instructeur vous contacte si votre dossier est incomplet ; la décision vous est notifiée par courrier.</p>',
  '<p>Comptez environ un mois de délai de traitement. Vous serez informé de la décision par voie postale.</p>',
  '<p>La commission se réunit chaque trimestre ; la décision est envoyée par courrier à votre domicile.</p>',
];

const FOLLOW_UP_AFTER = [
  '<p>Vous suivez l’avancement de votre dossier dans votre espace personnel, étape par étape, et recevez la décision en ligne.</p>',
  '<p>Chaque étape de l’instruction vous est signalée par courriel ; la décision est déposée dans votre compte.</p>',
  '<p>Depuis votre tableau de bord, consultez à tout moment l’état de votre demande et téléchargez la réponse.</p>',
];

export function letterOnlyAfter(rng: Rng): string {
  return rng.pick(LETTER_ONLY_AFTER);
}

export function levelBlock(
  ctx: ServiceContext,
  service: ReferentialService,
  channel: Exclude<ServiceChannel, 'information' | 'third-party'>,
  slug: string,
): LevelBlock {
  const { rng, profile, layout } = ctx;
  switch (channel) {
    case 'pdf-form': {
      const date = { year: rng.pick([2023, 2024, 2025]), month: rng.int(1, 12) };
      const file = rng.pick([
        `formulaire-${slug}`,
        `dossier-demande-${slug}`,
        `demande_${slug}`,
        `cerfa-${rng.int(10000, 16999)}`,
      ]);
      const path = ctx.paths.pdf(file, date);
      const pdf = pdfResponse(`Formulaire de demande - ${service.name}`, [
        profile.name,
        'Formulaire à compléter, signer et renvoyer par courrier avec les pièces justificatives.',
        'Nom : ............................  Prénom : ............................',
        'Adresse : ........................................................................',
      ]);
      ctx.add(profile.mainHost, path, pdf);
      const kb = Math.max(1, Math.round((pdf.body[0] as Buffer).length / 1024));
      const address = `${profile.words.building}, ${rng.int(1, 40)} rue ${rng.pick(['de la République', 'du Général-de-Gaulle', 'Victor-Hugo', 'des Écoles'])}`;
      const how = rng.pick([
        `<p>${layout.a(path, 'Télécharger le formulaire de demande', ' class="file"')} (PDF, ${kb} Ko)</p><p>Complétez-le, signez-le et renvoyez-le par courrier avec les pièces justificatives à : ${escapeHtml(address)}.</p>`,
        `<ul class="documents"><li>${layout.a(path, `Dossier de demande - ${service.name} (pdf - ${kb} Ko)`)}</li></ul><p>Le dossier est à renvoyer par courrier ou à déposer à l’accueil ${escapeHtml(profile.words.of)}.</p>`,
        `<p>Utilisez le ${layout.a(path, `formulaire cerfa n° ${rng.int(10000, 16999)}*0${rng.int(1, 4)}`)}, à imprimer et à retourner par voie postale.</p>`,
        `<p>Imprimez le ${layout.a(path, 'formulaire')}, remplissez-le puis retournez-le par la poste à l’adresse suivante : ${escapeHtml(address)}.</p>`,
      ]);
      return { how, after: letterOnlyAfter(rng), platformUrl: layout.url(path) };
    }
    case 'booking': {
      const platform = rng.pick<PlatformKey>(['rdv360', 'clicrdv']);
      const url = ctx.platforms.add(
        platform,
        platform === 'rdv360' ? `/${profile.slug}/${slug}` : `/${profile.slug}?service=${slug}`,
        `Prendre rendez-vous - ${service.name}`,
        `<h1>Prendre rendez-vous</h1><p>${escapeHtml(profile.name)} - ${escapeHtml(service.name)}</p><p>Choisissez un créneau disponible. Votre demande sera étudiée lors du rendez-vous.</p><ul class="creneaux"><li><button type="button">Lundi 9 h 00</button></li><li><button type="button">Mardi 14 h 30</button></li><li><button type="button">Jeudi 10 h 15</button></li></ul>`,
      );
      const how = rng.pick([
        `<p><a class="btn" href="${escapeHtml(url)}">Prendre rendez-vous en ligne</a></p><p>Choisissez un créneau ; votre demande est ensuite traitée lors du rendez-vous, muni des pièces justificatives.</p>`,
        `<p>Réservez votre rendez-vous sur <a href="${escapeHtml(url)}">notre agenda en ligne</a> (${FARM_PLATFORMS[platform].name}).</p>`,
        `<p>La demande se fait sur rendez-vous : <a href="${escapeHtml(url)}">réserver un créneau</a>.</p>`,
      ]);
      return { how, after: letterOnlyAfter(rng), platformUrl: url };
    }
    case 'email': {
      const address = `${rng.pick(['contact', 'accueil', slug.split('-')[0] ?? 'service', 'demandes'])}@${ctx.domain}`;
      const mailto = `mailto:${address}`;
      const how = rng.pick([
        `<p>Adressez votre demande par courriel à <a href="${mailto}">${address}</a>, en joignant les pièces justificatives numérisées.</p>`,
        `<p>Vous pouvez faire votre demande par e-mail : <a href="${mailto}?subject=${encodeURIComponent(service.name)}">${address}</a>.</p>`,
        `<p>Envoyez un mail à <a href="${mailto}">${address}</a> en précisant vos nom, adresse et numéro de téléphone ; un agent vous répondra.</p>`,
      ]);
      return { how, after: letterOnlyAfter(rng), platformUrl: mailto };
    }
    case 'onsite-form': {
      const how =
        `<p>${rng.pick(['Remplissez le formulaire ci-dessous.', 'Faites votre demande en ligne grâce au formulaire suivant.', 'Complétez ce formulaire en ligne et joignez vos justificatifs.'])}</p>` +
        requestForm(rng, `/formulaires/${slug}/envoi`);
      return {
        how,
        after:
          '<p>Votre demande est transmise au service, qui vous recontacte par téléphone ou par courrier.</p>' +
          letterOnlyAfter(rng),
      };
    }
    case 'platform-form':
      return formServiceBlock(ctx, service, slug);
    case 'platform-followup': {
      const url = ctx.platforms.add(
        'demarches-simplifiees',
        `/commencer/${profile.slug}-${slug}`,
        service.name,
        dsPage(ctx, service),
      );
      const link = `<a class="btn" href="${escapeHtml(url)}">${rng.pick(['Faire ma demande en ligne', 'Accéder au formulaire en ligne', 'Déposer un dossier'])}</a>`;
      return {
        how: `<p>La demande se fait en ligne sur demarches-simplifiees.fr, avec votre compte ou FranceConnect.</p><p>${link}</p>`,
        after: `${rng.pick(FOLLOW_UP_AFTER)}<p>Suivre ma demande : connectez-vous à votre espace demarches-simplifiees.fr.</p>`,
        platformUrl: url,
      };
    }
    case 'eservices-form':
    case 'account-followup':
      return eservicesBlock(ctx, service, channel === 'account-followup', slug);
    case 'payment':
      return paymentBlock(ctx, service, slug);
  }
}

/** Démarches simplifiées tracks every file to its decision: it only serves level-4 constructs. */
function dsPage(ctx: ServiceContext, service: ReferentialService): string {
  const { rng, profile } = ctx;
  const intro = `<h1>${escapeHtml(service.name)}</h1><p class="organisme">${escapeHtml(profile.name)}</p><p>${escapeHtml(service.description)}</p>`;
  const form = requestForm(rng, `/commencer/${profile.slug}/dossier`);
  return `${intro}<p>Vous pourrez suivre l’avancement de votre dossier en ligne et recevoir la décision dans votre espace.</p>${accountBox(rng, '/dossiers', ctx.platforms.url('franceconnect', '/'))}${form}`;
}

/**
 * Level 3 on another host: a form built with an online form service, which only sends the
 * answers to the authority (no account, no follow-up; the decision comes by post).
 */
function formServiceBlock(ctx: ServiceContext, service: ReferentialService, slug: string): LevelBlock {
  const { rng, profile } = ctx;
  const url = ctx.platforms.add(
    'framaforms',
    `/${profile.slug}-${slug}-${rng.int(1000, 9999)}`,
    service.name,
    `<h1>${escapeHtml(service.name)}</h1><p class="organisme">${escapeHtml(profile.name)}</p>` +
      requestForm(rng, `/${profile.slug}-${slug}/envoi`) +
      '<p>Une fois envoyé, le formulaire est transmis au service, qui vous répond par courrier.</p>',
  );
  const link = `<a class="btn" href="${escapeHtml(url)}">${rng.pick(['Faire ma demande en ligne', 'Accéder au formulaire en ligne', 'Remplir le formulaire'])}</a>`;
  return {
    how: `<p>${rng.pick(['La demande se dépose en ligne.', 'Remplissez le formulaire de demande en ligne.', 'La demande se fait en ligne, sans créer de compte.'])}</p><p>${link}</p>`,
    after: letterOnlyAfter(rng),
    platformUrl: url,
  };
}

function eservicesBlock(
  ctx: ServiceContext,
  service: ReferentialService,
  followUp: boolean,
  slug: string,
): LevelBlock {
  const { rng, profile, layout } = ctx;
  const host = profile.eservicesHost;
  const franceConnect = ctx.platforms.url('franceconnect', '/');
  // Without an e-services host, the account area lives on the main host.
  const path =
    host === undefined
      ? ctx.paths.claim(`/mon-espace/demarches/${slug}`)
      : followUp
        ? `/demarche/${slug}`
        : `/formulaire/${slug}`;
  const followUpHref = host === undefined ? layout.href('/mon-espace/mes-demandes') : '/mes-demandes';
  const heading = `<h1>${escapeHtml(service.name)}</h1><p>${escapeHtml(service.description)}</p>`;
  const formPage = followUp
    ? `${heading}${accountBox(rng, followUpHref, franceConnect)}${requestForm(rng, `${path}/envoi`)}${rng.pick(FOLLOW_UP_AFTER)}`
    : `${heading}${requestForm(rng, `${path}/envoi`)}`;
  if (host === undefined) ctx.add(profile.mainHost, path, layout.page(service.name, formPage));
  else ctx.add(host, path, eservicesPage(profile, service.name, formPage));
  const url = layout.url(path, host);
  const label = rng.pick([
    'Faire ma demande en ligne',
    'Accéder à la démarche en ligne',
    'Je fais ma demande',
  ]);
  const link = `<a class="btn" href="${escapeHtml(host === undefined ? layout.href(path) : url)}">${label}</a>`;
  if (!followUp) {
    return {
      how: `<p>Le formulaire est disponible sur notre portail des démarches.</p><p>${link}</p>`,
      after: letterOnlyAfter(rng),
      platformUrl: url,
    };
  }
  const followUpFromPage = host === undefined ? followUpHref : layout.url('/mes-demandes', host);
  return {
    how: `<p>Déposez votre demande en ligne depuis votre espace personnel, puis suivez son avancement.</p><p>${link}</p>${accountBox(rng, followUpFromPage, franceConnect)}`,
    after: rng.pick(FOLLOW_UP_AFTER),
    platformUrl: url,
  };
}

function paymentBlock(ctx: ServiceContext, service: ReferentialService, slug: string): LevelBlock {
  const { rng, profile } = ctx;
  const numcli = String(100000 + ((profile.index * 7919) % 900000)).padStart(6, '0');
  const url = ctx.platforms.add(
    'payfip',
    `/tpi/paiement.web?numcli=${numcli}&saisie=M&objet=${slug}`,
    `Paiement - ${service.name}`,
    `<h1>Payer en ligne</h1><p>${escapeHtml(profile.name)} - ${escapeHtml(service.name)}</p><p>PayFiP : paiement sécurisé par carte bancaire ou prélèvement unique, proposé par la DGFiP.</p>` +
      `<form method="post" action="/tpi/paiement.web"><input type="hidden" name="numcli" value="${numcli}">` +
      '<label for="ref">Référence de la facture</label><input id="ref" name="refdet" type="text" required>' +
      '<label for="mt">Montant en euros</label><input id="mt" name="montant" type="text" required>' +
      '<label for="mel">Adresse électronique</label><input id="mel" name="mel" type="email" required>' +
      '<button type="submit">Payer par carte bancaire</button></form>',
  );
  const online = requestForm(rng, `/formulaires/${slug}/inscription`);
  const pay = rng.pick([
    `<p><a class="btn" href="${escapeHtml(url)}">Payer en ligne</a> : réglez votre facture par carte bancaire sur PayFiP, le service de paiement en ligne de la DGFiP.</p>`,
    `<p>Le paiement se fait en ligne, en toute sécurité, sur <a href="${escapeHtml(url)}">PayFiP</a>.</p>`,
    `<p>Paiement en ligne par carte bancaire : <a href="${escapeHtml(url)}">accéder au paiement sécurisé</a>.</p>`,
  ]);
  return {
    how: `<p>L’inscription se fait en ligne.</p>${online}${pay}`,
    after: '<p>Un reçu vous est envoyé par courriel dès le paiement enregistré.</p>',
    platformUrl: url,
  };
}
