/**
 * Third-party scripts some sites load, by ground-truth key. Portal checks fingerprint them by
 * host; `{id}` is replaced by a per-site identifier.
 */
export const FARM_TRACKERS = {
  'google-analytics': {
    host: 'www.google-analytics.com',
    src: 'https://www.google-analytics.com/analytics.js',
  },
  'google-tag-manager': {
    host: 'www.googletagmanager.com',
    src: 'https://www.googletagmanager.com/gtag/js?id=G-{id}',
  },
  'facebook-pixel': { host: 'connect.facebook.net', src: 'https://connect.facebook.net/fr_FR/fbevents.js' },
  hotjar: { host: 'static.hotjar.com', src: 'https://static.hotjar.com/c/hotjar-{id}.js?sv=6' },
  xiti: { host: 'tag.aticdn.net', src: 'https://tag.aticdn.net/piano-analytics.js' },
  'matomo-cloud': { host: 'matomo.cloud', src: 'https://cd{id}.matomo.cloud/matomo.js' },
  youtube: { host: 'www.youtube.com', src: 'https://www.youtube.com/embed/{id}' },
  twitter: { host: 'platform.twitter.com', src: 'https://platform.twitter.com/widgets.js' },
  addthis: { host: 's7.addthis.com', src: 'https://s7.addthis.com/js/300/addthis_widget.js' },
  linkedin: { host: 'snap.licdn.com', src: 'https://snap.licdn.com/li.lms-analytics/insight.min.js' },
} as const;

export type TrackerKey = keyof typeof FARM_TRACKERS;

/** How often each tracker appears on sites that have some (Google's tools dominate). */
export const TRACKER_WEIGHTS: readonly (readonly [TrackerKey, number])[] = [
  ['google-tag-manager', 30],
  ['google-analytics', 18],
  ['youtube', 14],
  ['facebook-pixel', 8],
  ['xiti', 8],
  ['hotjar', 5],
  ['twitter', 6],
  ['addthis', 4],
  ['matomo-cloud', 4],
  ['linkedin', 3],
];

/** Header values by name; a site sends one of the sets of SECURITY_HEADER_SETS. */
export const SECURITY_HEADER_VALUES: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy':
    "default-src 'self'; script-src 'self' https://www.googletagmanager.com https://tag.aticdn.net; frame-src https://www.youtube.com",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'geolocation=(), camera=(), microphone=()',
};

export const SECURITY_HEADER_SETS: readonly (readonly [readonly string[], number])[] = [
  [[], 40],
  [['x-frame-options'], 8],
  [['x-content-type-options', 'x-frame-options'], 8],
  [['strict-transport-security', 'x-content-type-options', 'x-frame-options'], 24],
  [
    [
      'strict-transport-security',
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'permissions-policy',
    ],
    20,
  ],
];
