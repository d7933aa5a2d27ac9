import { Layout, type PageChrome } from '../layout/layout.tsx';

export function NotFoundPage({ chrome }: { chrome: PageChrome }) {
  return (
    <Layout chrome={chrome} title="Page introuvable">
      <h1 class="govuk-heading-l">Page introuvable</h1>
      <p class="govuk-body">Si vous avez saisi l’adresse, vérifiez qu’elle est correcte.</p>
      <p class="govuk-body">Si vous avez collé l’adresse, vérifiez que vous l’avez copiée en entier.</p>
      <p class="govuk-body">
        Pour trouver une collectivité, utilisez la{' '}
        <a href="/recherche">recherche par nom, code INSEE ou code postal</a>.
      </p>
    </Layout>
  );
}

export function BadRequestPage({ chrome, message }: { chrome: PageChrome; message: string }) {
  return (
    <Layout chrome={chrome} title="Demande invalide">
      <h1 class="govuk-heading-l">Demande invalide</h1>
      <p class="govuk-body">{message}</p>
      <p class="govuk-body">
        <a href="/">Retour à l’accueil</a>
      </p>
    </Layout>
  );
}

export function ServerErrorPage({ chrome, requestId }: { chrome: PageChrome; requestId: string }) {
  return (
    <Layout chrome={chrome} title="Erreur du service">
      <h1 class="govuk-heading-l">Désolé, le service rencontre un problème</h1>
      <p class="govuk-body">La page n’a pas pu être affichée. Réessayez dans quelques minutes.</p>
      <p class="govuk-body">
        Si le problème persiste, signalez-le en indiquant la référence <code>{requestId}</code>.
      </p>
    </Layout>
  );
}

/** 403: a role the page's rule refuses, or a form without its anti-forgery token. */
export function ForbiddenPage({ chrome, reason }: { chrome: PageChrome; reason: 'role' | 'csrf' }) {
  return (
    <Layout chrome={chrome} title="Accès refusé">
      <h1 class="govuk-heading-l">Accès refusé</h1>
      {reason === 'role' ? (
        <p class="govuk-body">Votre rôle ne donne pas accès à cette page.</p>
      ) : (
        <p class="govuk-body">
          Le formulaire a expiré ou ne provient pas de ce site. Rechargez la page et recommencez.
        </p>
      )}
      <p class="govuk-body">
        <a href={reason === 'role' ? '/admin' : '/'}>
          {reason === 'role' ? 'Retour à l’espace de gestion' : 'Retour à l’accueil'}
        </a>
      </p>
    </Layout>
  );
}
