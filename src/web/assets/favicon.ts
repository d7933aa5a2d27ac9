/** The wordmark's dial, as the site icon (same drawing as layout/wordmark.tsx, on the brand colour). */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#0b4f6c"/>' +
  '<circle cx="20" cy="20" r="14" fill="none" stroke="#fff" stroke-width="3"/>' +
  '<path d="M10 25a11 11 0 0 1 20 0" fill="none" stroke="#ffc845" stroke-width="3" stroke-linecap="round"/>' +
  '<path d="M20 22 L28 13" stroke="#fff" stroke-width="3" stroke-linecap="round"/><circle cx="20" cy="22" r="3" fill="#fff"/></svg>';
