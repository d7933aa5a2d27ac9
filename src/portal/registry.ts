import { accessibilityStatementCheck } from './checks/accessibility-statement.ts';
import { brokenLinksCheck } from './checks/broken-links.ts';
import { contactPageCheck } from './checks/contact-page.ts';
import { httpsCheck } from './checks/https.ts';
import { httpsRedirectCheck } from './checks/https-redirect.ts';
import { legalNoticeCheck } from './checks/legal-notice.ts';
import { mobileViewportCheck } from './checks/mobile-viewport.ts';
import { pageWeightCheck } from './checks/page-weight.ts';
import { responseTimeCheck } from './checks/response-time.ts';
import { securityHeadersCheck } from './checks/security-headers.ts';
import { siteSearchCheck } from './checks/site-search.ts';
import { trackersCheck } from './checks/trackers.ts';
import type { PortalCheck } from './portal.types.ts';

/** Every portal check, in the order of PORTAL_CHECK_KEYS (results are reported in this order). */
export const PORTAL_CHECKS: readonly PortalCheck[] = [
  httpsCheck,
  httpsRedirectCheck,
  responseTimeCheck,
  pageWeightCheck,
  mobileViewportCheck,
  accessibilityStatementCheck,
  legalNoticeCheck,
  contactPageCheck,
  siteSearchCheck,
  trackersCheck,
  brokenLinksCheck,
  securityHeadersCheck,
];
