/**
 * Every threshold and memory bound of the portal checks, in one place. Each one is explained
 * in French in docs/portal-checks.md; change both together.
 */

export const RESPONSE_TIME = {
  /**
   * Above one second for the median HTML document (not the full page with its images and
   * scripts), a visitor already waits before anything renders: most public sites answer in
   * a few hundred milliseconds.
   */
  warnMedianMs: 1_000,
  /** Three seconds is where a large share of mobile visitors give up on a page. */
  failMedianMs: 3_000,
} as const;

export const PAGE_WEIGHT = {
  /**
   * 500 Kio of HTML alone (images, scripts and styles not counted) means inlined data or
   * bloated markup: slow on a poor mobile connection. No fail threshold: the weight of the HTML
   * document is too partial a view of what a visitor downloads to fail a site on it.
   */
  warnMedianBytes: 500 * 1024,
} as const;

export const MOBILE_VIEWPORT = {
  /**
   * Below 90 % of pages with a responsive viewport, a visitor on a phone meets unadapted pages
   * often enough to notice; a few legacy pages (old PDF-like sections) are tolerated.
   */
  passMinShare: 0.9,
} as const;

export const ACCESSIBILITY = {
  /**
   * RGAA rule (not ours): a site that respects at least 50 % of the criteria is « partiellement
   * conforme », 100 % « totalement conforme », below 50 % « non conforme ». Used only when the
   * statement gives a rate but no declared state.
   */
  partialMinRate: 50,
  fullRate: 100,
  /** Kept per candidate statement page: the sentences about conformity, rate and dates fit easily. */
  excerptMaxBytes: 5 * 1024,
  /** Candidate statement pages kept while crawling (the best one is chosen at the end). */
  maxCandidates: 5,
  /** Targets of « Accessibilité » links kept to recognise the statement page when it is crawled. */
  maxLinkTargets: 50,
} as const;

export const BROKEN_LINKS = {
  /** A site of a few hundred pages with one dead link in a hundred still passes. */
  warnAboveRatio: 0.01,
  /** One internal link in twenty leading nowhere is a visible maintenance problem. */
  failAboveRatio: 0.05,
  /** Memory bound: distinct internal link targets remembered per site. */
  maxLinkTargets: 20_000,
  /** Broken links listed as evidence. */
  maxEvidence: 10,
} as const;

export const SECURITY_HEADERS = {
  /**
   * Five headers are checked. Content-Security-Policy is the costliest to deploy on a CMS with
   * third-party widgets, so a site missing only one header still passes.
   */
  passMinScore: 4,
  /** With two or three headers the basic protections are partly there. */
  warnMinScore: 2,
} as const;

export const TRACKERS = {
  /** Memory bound: distinct third-party hosts remembered per site. */
  maxThirdPartyHosts: 200,
} as const;

/** Slowest / heaviest pages listed as evidence by the response time and page weight checks. */
export const MAX_OUTLIER_EVIDENCE = 3;
