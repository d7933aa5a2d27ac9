/**
 * Website addresses as people write them ("www.ain.fr", "https://Www.Ain.fr/#top") turned
 * into one canonical absolute http(s) URL, so that imports, the crawler and comparisons
 * between two sources agree on what "the same website" is.
 */

export type WebsiteUrlResult = { ok: true; url: string } | { ok: false; reason: string };

const SCHEME_WITH_SLASHES = /^([a-z][a-z0-9+.-]*):\/\//i;
/** "javascript:…", "mailto:…", "http:example.fr" — but not "www.ain.fr:8080", where the digits are a port. */
const SCHEME_WITHOUT_SLASHES = /^([a-z][a-z0-9+.-]*):(?!\d+(\/|$))/i;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function normalizeWebsiteUrl(raw: string): WebsiteUrlResult {
  const input = raw.trim();
  if (input === '') return { ok: false, reason: 'adresse vide' };
  if (/\s/.test(input)) return { ok: false, reason: `« ${input} » contient des espaces` };

  let candidate: string;
  const scheme = SCHEME_WITH_SLASHES.exec(input)?.[1] ?? SCHEME_WITHOUT_SLASHES.exec(input)?.[1];
  if (input.startsWith('//')) candidate = `https:${input}`;
  else if (scheme !== undefined) {
    const lower = scheme.toLowerCase();
    if (lower !== 'http' && lower !== 'https') {
      return {
        ok: false,
        reason: `« ${lower}: » n’est pas autorisé : seules les adresses http(s) sont acceptées`,
      };
    }
    if (!SCHEME_WITH_SLASHES.test(input))
      return { ok: false, reason: `« ${input} » : « // » manque après « ${lower}: »` };
    candidate = input;
  } else {
    // A bare host such as "www.ain.fr" or "ain.fr/accueil": public websites are served over HTTPS.
    candidate = `https://${input}`;
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: `« ${input} » n’est pas une adresse web lisible` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: `« ${input} » contient un identifiant ou un mot de passe` };
  }
  const host = url.hostname;
  const labels = host.split('.');
  if (host === '' || labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) {
    return { ok: false, reason: `« ${input} » n’a pas de nom de domaine valide (ex. www.exemple.fr)` };
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return { ok: false, reason: `« ${input} » désigne une adresse IP, pas le site d’une collectivité` };
  }
  url.hash = '';
  return { ok: true, url: url.toString() };
}
