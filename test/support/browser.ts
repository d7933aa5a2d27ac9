import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium for browser tests (never a downloaded one), with the flags of STACK-NOTES:
 * every host but the loopback test server is unresolvable, so a page can reach nothing else.
 */
export const TEST_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export function launchTestBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: TEST_CHROMIUM_ARGS });
}
