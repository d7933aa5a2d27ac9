import {
  CONFORMITY_STATE_LABELS,
  CONFORMITY_STATES,
  type ConformityState,
  isAccessibilityLinkText,
  isStatementPath,
  parseConformityState,
  parseStatement,
  type StatementPageSignals,
  stateFromRate,
  statementExcerpt,
  statementPageScore,
  statementPageSignals,
} from '../accessibility-statement.rules.ts';
import { noHtmlPageVerdict } from '../html-pages.ts';
import { formatPercent } from '../portal.format.ts';
import { createTopList, foldedPath, isHtmlPage, urlKey } from '../portal.site.ts';
import {
  PORTAL_CHECK_LABELS,
  type PortalCheck,
  type PortalCheckOutcome,
  type PortalEvidence,
} from '../portal.types.ts';
import { ACCESSIBILITY } from '../thresholds.ts';

interface Candidate {
  url: string;
  /** Comparison keys of the requested URL, the final URL and the redirects between them. */
  keys: string[];
  signals: StatementPageSignals;
  excerpt: string;
}

interface Mention {
  count: number;
  /** Smallest page URL carrying it, so that the evidence does not depend on crawl order. */
  pageUrl: string;
  text: string;
}

const OUTCOME_BY_STATE: Readonly<Record<ConformityState, PortalCheckOutcome>> = {
  totalement: 'pass',
  partiellement: 'warn',
  non: 'fail',
};

/** Most severe first: it breaks ties between footer mentions. */
const SEVERITY: readonly ConformityState[] = ['non', 'partiellement', 'totalement'];

/**
 * The accessibility statement required by the RGAA: found by its links (« Accessibilité :
 * partiellement conforme », « Déclaration d’accessibilité »), its title or its URL; its declared
 * state decides the outcome (pass totalement, warn partiellement, fail non conforme or absent).
 */
export const accessibilityStatementCheck: PortalCheck = {
  key: 'accessibility_statement',
  start() {
    const label = PORTAL_CHECK_LABELS.accessibility_statement;
    let htmlPages = 0;
    const linkTargets = new Set<string>();
    let firstLink: { pageUrl: string; href: string; text: string } | undefined;
    const mentions = new Map<ConformityState, Mention>();
    const candidates = createTopList<Candidate>(
      ACCESSIBILITY.maxCandidates,
      (candidate) => statementPageScore(candidate.signals, true),
      (candidate) => candidate.url,
    );

    function recordLink(pageUrl: string, href: string, text: string): void {
      const key = urlKey(href);
      if (key !== null && linkTargets.size < ACCESSIBILITY.maxLinkTargets) linkTargets.add(key);
      if (firstLink === undefined || pageUrl < firstLink.pageUrl) firstLink = { pageUrl, href, text };
      const state = parseConformityState(text);
      if (state === null) return;
      const mention = mentions.get(state);
      if (mention === undefined) mentions.set(state, { count: 1, pageUrl, text });
      else {
        mention.count += 1;
        if (pageUrl < mention.pageUrl) Object.assign(mention, { pageUrl, text });
      }
    }

    return {
      add(page) {
        if (!isHtmlPage(page)) return;
        htmlPages += 1;
        const { content } = page;
        for (const link of content.links) {
          const byText = isAccessibilityLinkText(link.text);
          if (byText || (/accessib/i.test(link.href) && isStatementPath(foldedPath(link.href)))) {
            recordLink(page.url, link.href, link.text);
          }
        }
        const signals = statementPageSignals(content, foldedPath(page.finalUrl));
        if (!signals.urlHint) signals.urlHint = isStatementPath(foldedPath(page.url));
        if (signals.titled || signals.mentionsInTitle || signals.urlHint || signals.textual) {
          const keys = [page.url, page.finalUrl, ...page.redirectChain]
            .map(urlKey)
            .filter((key): key is string => key !== null);
          candidates.offer({
            url: page.url,
            keys,
            signals,
            excerpt: statementExcerpt(content.text, ACCESSIBILITY.excerptMaxBytes),
          });
        }
      },

      finish() {
        if (htmlPages === 0) return noHtmlPageVerdict(label);
        const statement = candidates.items
          .map((candidate) => ({
            candidate,
            score: statementPageScore(
              candidate.signals,
              candidate.keys.some((key) => linkTargets.has(key)),
            ),
          }))
          .filter(({ score }) => score > 0)
          .sort((a, b) => b.score - a.score || a.candidate.url.localeCompare(b.candidate.url))[0]?.candidate;

        const facts = statement === undefined ? null : parseStatement(statement.excerpt);
        const footerMentions = Object.fromEntries(
          CONFORMITY_STATES.map((state) => [state, mentions.get(state)?.count ?? 0]),
        ) as Record<ConformityState, number>;
        const footerState = mostMentioned(mentions);
        const rate = facts?.rate ?? null;

        let state: ConformityState | null = null;
        let stateSource: 'statement' | 'footer' | 'rate' | null = null;
        if (facts?.state != null) [state, stateSource] = [facts.state, 'statement'];
        else if (footerState !== null) [state, stateSource] = [footerState, 'footer'];
        else if (rate !== null) {
          state = stateFromRate(rate, ACCESSIBILITY.partialMinRate, ACCESSIBILITY.fullRate);
          stateSource = 'rate';
        }

        const evidence: PortalEvidence[] = [];
        if (statement !== undefined) {
          evidence.push({ url: statement.url, note: 'Page de la déclaration d’accessibilité' });
        }
        const footerMention = footerState === null ? undefined : mentions.get(footerState);
        if (footerMention !== undefined) {
          evidence.push({ url: footerMention.pageUrl, note: `Mention « ${footerMention.text} »` });
        }

        const details = {
          state,
          stateSource,
          rate,
          rgaaVersion: facts?.rgaaVersion ?? null,
          auditDate: facts?.auditDate ?? null,
          statementDate: facts?.statementDate ?? null,
          statementUrl: statement?.url ?? null,
          statementState: facts?.state ?? null,
          footerState,
          footerMentions,
          inconsistencies: inconsistencies(facts?.state ?? null, footerState, rate),
          excerpt: statement?.excerpt ?? null,
        };

        if (state !== null) {
          const how = stateSource === 'rate' ? ', déduit du taux' : '';
          return {
            outcome: OUTCOME_BY_STATE[state],
            value: state,
            summary: `${label} : ${CONFORMITY_STATE_LABELS[state]}${rate === null ? '' : ` (${formatPercent(rate)}${how})`}`,
            details,
            evidence,
          };
        }
        if (statement !== undefined) {
          return {
            outcome: 'warn',
            value: null,
            summary: `${label} : publiée, mais sans état de conformité lisible`,
            details,
            evidence,
          };
        }
        if (firstLink !== undefined) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : lien trouvé, page non collectée ou non reconnue`,
            details: { ...details, linkUrl: firstLink.href },
            evidence: [{ url: firstLink.pageUrl, note: `Lien « ${firstLink.text} » vers ${firstLink.href}` }],
          };
        }
        return {
          outcome: 'fail',
          value: null,
          summary: `${label} : absente`,
          details,
          evidence: [],
        };
      },
    };
  },
};

function mostMentioned(mentions: ReadonlyMap<ConformityState, Mention>): ConformityState | null {
  let best: ConformityState | null = null;
  for (const state of SEVERITY) {
    const count = mentions.get(state)?.count ?? 0;
    if (count > 0 && (best === null || count > (mentions.get(best)?.count ?? 0))) best = state;
  }
  return best;
}

/** French notes for an analyst: declarations that contradict each other or the RGAA rule. */
function inconsistencies(
  statementState: ConformityState | null,
  footerState: ConformityState | null,
  rate: number | null,
): string[] {
  const notes: string[] = [];
  if (statementState !== null && footerState !== null && statementState !== footerState) {
    notes.push(
      `La mention des pages (« ${CONFORMITY_STATE_LABELS[footerState]} ») contredit la déclaration (« ${CONFORMITY_STATE_LABELS[statementState]} »)`,
    );
  }
  const declared = statementState ?? footerState;
  if (declared !== null && rate !== null) {
    const implied = stateFromRate(rate, ACCESSIBILITY.partialMinRate, ACCESSIBILITY.fullRate);
    if (implied !== declared) {
      notes.push(
        `Un taux de ${formatPercent(rate)} correspond à « ${CONFORMITY_STATE_LABELS[implied]} » selon le RGAA, non à « ${CONFORMITY_STATE_LABELS[declared]} »`,
      );
    }
  }
  return notes;
}
