import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page, type Response as PageResponse } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH } from '../../src/crawl/browser-renderer.ts';
import { TEST_PASSWORD } from './web-client.ts';

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

/** Serves a Hono app on a free loopback port for the browser. */
export async function serveApp(app: {
  fetch: (request: Request, ...rest: never[]) => Response | Promise<Response>;
}): Promise<{ base: string; close(): Promise<void> }> {
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch as never, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<{ serious: string[]; passes: number }> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  return { serious, passes: results.passes.length };
}

/** Where browser tests save screenshots, for people to look at. */
export const SCREENSHOT_DIR = process.env.BAROMETRE_SCREENSHOT_DIR ?? '/tmp/barometre-screenshots';

export interface OpenedPage {
  page: Page;
  response: PageResponse | null;
  /** Console messages of resources the Content Security Policy blocked. */
  cspViolations: string[];
  close(): Promise<void>;
}

export interface BrowsedApp {
  base: string;
  /** A page of the app in a new French-locale context, with CSP violations collected. */
  open(pathname: string, options?: { javaScriptEnabled?: boolean }): Promise<OpenedPage>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** An app served on loopback and Debian's Chromium to browse it: what every browser test starts from. */
export async function browseApp(app: Parameters<typeof serveApp>[0]): Promise<BrowsedApp> {
  const server = await serveApp(app);
  const browser = await launchTestBrowser();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    base: server.base,
    async open(pathname, options = {}) {
      const context = await browser.newContext({
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        locale: 'fr-FR',
      });
      const page = await context.newPage();
      const cspViolations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      const response = await page.goto(`${server.base}${pathname}`);
      return { page, response, cspViolations, close: () => context.close() };
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A new page of the app signed in as `email`, on the back-office home. */
export async function signInPage(
  browsed: BrowsedApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<Page> {
  const { page } = await browsed.open('/connexion');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button:has-text("Se connecter")');
  await page.waitForURL(/\/admin$/);
  return page;
}
