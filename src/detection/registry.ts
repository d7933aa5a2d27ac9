import type { Detector } from './detection.types.ts';
import { ACCOUNT, detectAccount } from './detectors/account.ts';
import { APPOINTMENT, detectAppointment } from './detectors/appointment.ts';
import { DOWNLOADABLE_FORM, detectDownloadableForm } from './detectors/downloadable-form.ts';
import { detectEmailRequest, EMAIL_REQUEST } from './detectors/email-request.ts';
import { detectFollowUp, FOLLOW_UP } from './detectors/follow-up.ts';
import { detectNegativeCues, NEGATIVE_CUES } from './detectors/negative-cues.ts';
import { detectOnlineForm, ONLINE_FORM } from './detectors/online-form.ts';
import { detectOnlineProcedure, ONLINE_PROCEDURE } from './detectors/online-procedure.ts';
import { detectPayment, PAYMENT } from './detectors/payment.ts';
import { detectPlatformLinks, PLATFORM_LINKS } from './detectors/platform-links.ts';
import { detectServiceMentions, SERVICE_MENTIONS } from './detectors/service-mentions.ts';
import { detectUrlHints, URL_HINTS } from './detectors/url-hints.ts';

/** Every detector, once. detectPage runs them in this order and isolates their failures. */
export interface RegisteredDetector {
  name: string;
  detect: Detector;
}

export const DETECTORS: readonly RegisteredDetector[] = [
  { name: SERVICE_MENTIONS, detect: detectServiceMentions },
  { name: URL_HINTS, detect: detectUrlHints },
  { name: ONLINE_PROCEDURE, detect: detectOnlineProcedure },
  { name: FOLLOW_UP, detect: detectFollowUp },
  { name: ACCOUNT, detect: detectAccount },
  { name: ONLINE_FORM, detect: detectOnlineForm },
  { name: DOWNLOADABLE_FORM, detect: detectDownloadableForm },
  { name: APPOINTMENT, detect: detectAppointment },
  { name: PAYMENT, detect: detectPayment },
  { name: PLATFORM_LINKS, detect: detectPlatformLinks },
  { name: EMAIL_REQUEST, detect: detectEmailRequest },
  { name: NEGATIVE_CUES, detect: detectNegativeCues },
];
