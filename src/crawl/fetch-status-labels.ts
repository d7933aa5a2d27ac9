import type { FetchStatus } from './crawl.types.ts';

/** How each fetch status reads in the French back office (the code stays in exports and logs). */
export const FETCH_STATUS_LABELS: Record<FetchStatus, string> = {
  ok: 'page lue',
  not_found: 'page introuvable (404, 410)',
  client_error: 'requête refusée (autre 4xx)',
  blocked: 'accès bloqué (401, 403, 429, 451)',
  server_error: 'erreur du serveur (5xx)',
  timeout: 'délai dépassé',
  dns_error: 'nom de domaine introuvable',
  connection_error: 'connexion impossible',
  tls_error: 'certificat ou chiffrement invalide',
  robots_disallowed: 'interdite par robots.txt',
  too_large: 'page trop volumineuse',
  not_html: 'document autre que HTML',
  redirect_loop: 'redirections en boucle',
  too_many_redirects: 'trop de redirections',
  redirect_out_of_scope: 'redirection hors du site',
  ssrf_blocked: 'adresse interne refusée',
  invalid_url: 'adresse invalide',
};

/** The label of a stored status, or the stored code itself when it is not a known status. */
export function fetchStatusLabel(status: string): string {
  return (FETCH_STATUS_LABELS as Record<string, string>)[status] ?? status;
}
