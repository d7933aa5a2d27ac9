import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH } from '../../src/crawl/browser-renderer.ts';

/**
 * Debian's Chromium for browser tests (never a downloaded one), with the crawler's flags
 * (STACK-NOTES) except that the loopback test server stays reachable: every other host is
 * unresolvable, so a page under test can reach nothing else.
 */
export const TEST_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--host-resolver-rules=')),
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export function launchTestBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: DEFAULT_CHROMIUM_PATH, args: TEST_CHROMIUM_ARGS });
}
