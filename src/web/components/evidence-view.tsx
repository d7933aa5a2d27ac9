import { formatInteger } from '../../shared/french-typography.ts';

/**
 * What a proposal rests on, read from its evidence JSON (src/audits/proposals.rules.ts writes
 * the crawler's, src/assessments/review.service.ts the analysts'): the pages with their matched
 * phrases and platform, the analysts' pages with their notes, or why nothing was found. Every
 * value is text (escaped by JSX); a URL becomes a link only when it is http(s).
 */

interface EvidencePage {
  url: string;
  phrases: string[];
  platform: string | undefined;
}

interface AnalystPage {
  url: string;
  note: string;
  by: string;
}

export interface ParsedEvidence {
  pages: EvidencePage[];
  analyst: AnalystPage[];
  notFound: { pagesCrawled: number | undefined; truncated: boolean } | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];

export function parseEvidenceJson(json: string): ParsedEvidence {
  let evidence: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null) evidence = parsed as Record<string, unknown>;
  } catch {
    // Evidence is written by our own services; unreadable JSON shows as « aucune preuve ».
  }
  return {
    pages: records(evidence.pages).flatMap((page) => {
      const url = text(page.url);
      if (!url) return [];
      const phrases = Array.isArray(page.phrases)
        ? page.phrases.filter((p): p is string => typeof p === 'string')
        : [];
      return [{ url, phrases, platform: text(page.platform) }];
    }),
    analyst: records(evidence.analystEvidence).flatMap((entry) => {
      const url = text(entry.url);
      return url ? [{ url, note: text(entry.note) ?? '', by: text(entry.by) ?? '' }] : [];
    }),
    notFound:
      evidence.reason === 'not_found_on_site'
        ? {
            pagesCrawled: typeof evidence.pagesCrawled === 'number' ? evidence.pagesCrawled : undefined,
            truncated: evidence.crawlTruncated === true,
          }
        : undefined,
  };
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/** A link to a page of the authority's site, opened by the analyst; plain text if not http(s). */
export function EvidenceLink({ url }: { url: string }) {
  if (!isWebUrl(url)) return <code>{url}</code>;
  return (
    <a class="govuk-link bm-break" href={url} rel="noopener noreferrer nofollow">
      {url}
    </a>
  );
}

export function EvidenceView({ json, platform }: { json: string; platform: string | null }) {
  const evidence = parseEvidenceJson(json);
  const nothing = evidence.pages.length === 0 && evidence.analyst.length === 0;
  return (
    <div class="bm-evidence">
      {platform ? (
        <p class="govuk-body-s govuk-!-margin-bottom-1">
          Plateforme : <strong>{platform}</strong>
        </p>
      ) : null}
      {evidence.pages.map((page) => (
        <div class="govuk-!-margin-bottom-2">
          <EvidenceLink url={page.url} />
          {page.platform && page.platform !== platform ? (
            <span class="govuk-body-s"> (plateforme : {page.platform})</span>
          ) : null}
          {page.phrases.length ? (
            <ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">
              {page.phrases.map((phrase) => (
                <li>
                  <q>{phrase}</q>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      {evidence.analyst.map((entry) => (
        <div class="govuk-!-margin-bottom-2">
          <EvidenceLink url={entry.url} />
          <p class="govuk-body-s govuk-!-margin-bottom-0">
            {entry.note} {entry.by ? <span>({entry.by})</span> : null}
          </p>
        </div>
      ))}
      {evidence.notFound ? (
        <p class="govuk-body-s">
          Service non trouvé sur le site
          {evidence.notFound.pagesCrawled !== undefined
            ? ` (${formatInteger(evidence.notFound.pagesCrawled)} pages lues${evidence.notFound.truncated ? ', collecte tronquée' : ''})`
            : ''}
          .
        </p>
      ) : nothing ? (
        <p class="govuk-body-s">Aucune page de preuve.</p>
      ) : null}
    </div>
  );
}
