/**
 * Renders pages that need JavaScript in headless Chromium (playwright-core over the system
 * chromium): one browser per process, a bounded pool of pages (one context each), a budget
 * per render. The document comes from the crawler's HTTP fetch and every other request the
 * page makes is handed to a `LoadRequest` (browser-requests.ts), which fetches it with the
 * crawler's own client: Chromium is started with a resolver that resolves nothing, so it
 * cannot open a socket of its own (docs/adr/0004-browser-mode.md).
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { followSignal } from './abort.ts';
import type { BrowserRequest, LoadRequest, LoadResult } from './browser-requests.ts';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags measured on Debian's chromium (STACK-NOTES). `MAP * ~NOTFOUND` makes every hostname
 * and literal address unresolvable: whatever escapes request interception (WebSocket,
 * preconnect, a redirect answered by a fulfilled response) fails instead of reaching a network.
 * Never add `--disable-features`: it would replace Playwright's own list.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** Response headers not passed to the browser: the body is already decoded, and HSTS / Alt-Svc would change later URLs. */
const DROPPED_HEADERS: ReadonlySet<string> = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'strict-transport-security',
  'alt-svc',
]);

export interface BrowserRendererOptions {
  /** Default /usr/bin/chromium. */
  executablePath?: string;
  /** Pages rendering at once, each in its own browser context. Default 2 (2 cores). */
  pages?: number;
  /** A page and its context are replaced after this many renders, to bound their memory. Default 50. */
  rendersPerPage?: number;
  /** After the load event, the page's requests must have been quiet this long before the DOM is read. Default 150 ms. */
  quietMs?: number;
  /** Longest wait for that quiet after the load event (polling pages never go quiet). Default 5 s. */
  maxSettleMs?: number;
  /** Default 30 s. */
  launchTimeoutMs?: number;
}

/** The document as the crawler fetched it over HTTP: served to the browser, not fetched again. */
export interface RenderDocument {
  /** Raw body (the browser decodes it with the Content-Type charset or the page's <meta>). */
  body: Buffer;
  httpStatus: number;
  headers: Record<string, string>;
}

export interface RenderRequest {
  /** URL the document was fetched from (after redirects): the page's address and base URL. */
  url: string;
  document: RenderDocument;
  /** Loads every other request the page makes (scripts, XHR…) or refuses it. */
  load: LoadRequest;
  /** Budget of the render from the moment it has a page: load, scripts, settling, reading the DOM. */
  timeoutMs: number;
  /** Shutdown: the render stops and reports `aborted`. */
  signal?: AbortSignal;
}

export interface RenderRequestStats {
  /** Requests answered from the network through the crawler's client. */
  fetched: number;
  /** Requests answered from the site's script cache. */
  cached: number;
  blocked: number;
  failed: number;
}

export type RenderFailureReason =
  /** The render exceeded its budget. */
  | 'timeout'
  /** The caller's signal stopped it (shutdown). */
  | 'aborted'
  /** Chromium is missing, crashed or failed: not the site's fault. */
  | 'browser_error';

export type RenderResult =
  | {
      ok: true;
      /** The DOM serialised after scripts ran (`page.content()`). */
      html: string;
      /** Address of the page when its DOM was read (a script may have navigated within the site). */
      finalUrl: string;
      /** Status of the main document shown (the HTTP one unless a script navigated). */
      httpStatus: number;
      elapsedMs: number;
      requests: RenderRequestStats;
    }
  | {
      ok: false;
      reason: RenderFailureReason;
      /** Short French explanation. */
      detail: string;
      elapsedMs: number;
      requests: RenderRequestStats;
    };

export interface BrowserRenderer {
  /** Launches Chromium now rather than at the first render: fails fast when it cannot start. */
  start(): Promise<void>;
  render(request: RenderRequest): Promise<RenderResult>;
  /** Closes the browser; renders in flight end as `browser_error`, later ones too. */
  close(): Promise<void>;
  stats(): { launched: boolean; renders: number; rendering: number; waiting: number };
}

/** The render a page is busy with; its requests are routed through `load`. */
class ActiveRender {
  readonly request: RenderRequest;
  readonly controller = new AbortController();
  readonly stats: RenderRequestStats = { fetched: 0, cached: 0, blocked: 0, failed: 0 };
  documentServed = false;
  mainStatus: number;
  inFlight = 0;
  lastActivity = performance.now();
  /** Told when `inFlight` changes (the settle wait). */
  onActivity: (() => void) | null = null;

  constructor(request: RenderRequest) {
    this.request = request;
    this.mainStatus = request.document.httpStatus;
  }

  begin(): void {
    this.inFlight += 1;
    this.onActivity?.();
  }

  end(): void {
    this.inFlight -= 1;
    this.lastActivity = performance.now();
    this.onActivity?.();
  }
}

interface Slot {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  renders: number;
  active: ActiveRender | null;
  /** Left in an unknown state (timeout, error): closed instead of reused. */
  broken: boolean;
}

class RenderAbort extends Error {}

function noop(): void {}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

function headersForBrowser(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!DROPPED_HEADERS.has(name)) kept[name] = value;
  }
  return kept;
}

/** Whether the browser's URL is the one asked for (both canonicalised, fragment ignored). */
function sameDocumentUrl(requested: string, expected: string): boolean {
  try {
    const a = new URL(requested);
    const b = new URL(expected);
    a.hash = '';
    b.hash = '';
    return a.href === b.href;
  } catch {
    return false;
  }
}

/** Rejects with a RenderAbort as soon as `signal` aborts; `promise`'s own later failure is ignored. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(noop);
  if (signal.aborted) return Promise.reject(new RenderAbort());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new RenderAbort());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Resolves once the page's requests have been quiet for `quietMs`, or after `maxMs` anyway. */
function settle(active: ActiveRender, quietMs: number, maxMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      clearTimeout(cap);
      active.onActivity = null;
      resolve();
    };
    const cap = setTimeout(finish, maxMs);
    const check = (): void => {
      clearTimeout(timer);
      if (active.inFlight > 0) return;
      const wait = active.lastActivity + quietMs - performance.now();
      if (wait <= 0) finish();
      else timer = setTimeout(check, wait);
    };
    active.onActivity = check;
    check();
  });
}

/** Reads the DOM; a script navigating at that moment destroys the context: wait for the new page once. */
async function readDom(page: Page): Promise<string> {
  try {
    return await page.content();
  } catch {
    await page.waitForLoadState('load', { timeout: 0 });
    return await page.content();
  }
}

/** FIFO semaphore whose waits can be abandoned. */
class Permits {
  #available: number;
  readonly #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(size: number) {
    this.#available = size;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new RenderAbort());
    if (this.#available > 0) {
      this.#available -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(new RenderAbort());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next === undefined) this.#available += 1;
    else next.resolve();
  }
}

export function createBrowserRenderer(options: BrowserRendererOptions = {}): BrowserRenderer {
  const size = Math.max(1, options.pages ?? 2);
  const rendersPerPage = Math.max(1, options.rendersPerPage ?? 50);
  const quietMs = options.quietMs ?? 150;
  const maxSettleMs = options.maxSettleMs ?? 5_000;
  const permits = new Permits(size);
  const idle: Slot[] = [];
  let browserPromise: Promise<Browser> | null = null;
  let closed = false;
  let renders = 0;
  let rendering = 0;

  function launch(): Promise<Browser> {
    if (closed) return Promise.reject(new Error('navigateur fermé'));
    if (browserPromise !== null) return browserPromise;
    const launching = (async () => {
      const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
      // Checked first: a clearer message, and Playwright leaves a temporary folder behind
      // when the executable is missing.
      try {
        await access(executablePath, constants.X_OK);
      } catch {
        throw new Error(`Chromium introuvable ou non exécutable : ${executablePath} (paquet chromium)`);
      }
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath,
        args: CHROMIUM_ARGS,
        timeout: options.launchTimeoutMs ?? 30_000,
        // The crawler handles its own signals (a graceful, resumable stop); Playwright still
        // kills the browser when the process exits.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      browser.on('disconnected', () => {
        if (browserPromise === launching) browserPromise = null;
      });
      return browser;
    })();
    browserPromise = launching;
    launching.catch(() => {
      if (browserPromise === launching) browserPromise = null;
    });
    return launching;
  }

  async function route(slot: Slot, routed: Route): Promise<void> {
    const active = slot.active;
    const request = routed.request();
    if (active === null) {
      await routed.abort('blockedbyclient').catch(noop);
      return;
    }
    let mainFrame = false;
    try {
      mainFrame = request.frame() === slot.page.mainFrame();
    } catch {
      // Worker requests have no frame.
    }
    const mainNavigation = mainFrame && request.isNavigationRequest();
    if (mainNavigation && !active.documentServed && sameDocumentUrl(request.url(), active.request.url)) {
      active.documentServed = true;
      const { document } = active.request;
      await routed
        .fulfill({
          status: document.httpStatus,
          headers: { 'content-type': 'text/html', ...headersForBrowser(document.headers) },
          body: document.body,
        })
        .catch(noop);
      return;
    }
    const browserRequest: BrowserRequest = {
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      mainFrame,
    };
    const accept = request.headers().accept;
    if (accept !== undefined) browserRequest.accept = accept;
    active.begin();
    let result: LoadResult;
    try {
      result = await active.request.load(browserRequest, active.controller.signal);
    } catch (error) {
      result = { kind: 'failed', status: 'connection_error', detail: errorText(error) };
    } finally {
      active.end();
    }
    if (slot.active !== active) {
      await routed.abort('aborted').catch(noop);
      return;
    }
    if (result.kind === 'response') {
      if (result.cached) active.stats.cached += 1;
      else active.stats.fetched += 1;
      if (mainNavigation) active.mainStatus = result.httpStatus;
      await routed
        .fulfill({ status: result.httpStatus, headers: headersForBrowser(result.headers), body: result.body })
        .catch(noop);
      return;
    }
    if (result.kind === 'blocked') active.stats.blocked += 1;
    else active.stats.failed += 1;
    // A 204 to a navigation keeps the current page instead of showing an error page.
    if (mainNavigation) await routed.fulfill({ status: 204, body: '' }).catch(noop);
    else await routed.abort(result.kind === 'blocked' ? 'blockedbyclient' : 'failed').catch(noop);
  }

  async function openSlot(): Promise<Slot> {
    const browser = await launch();
    const context = await browser.newContext({
      serviceWorkers: 'block',
      acceptDownloads: false,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await context.newPage();
      const slot: Slot = { browser, context, page, renders: 0, active: null, broken: false };
      await context.route(
        () => true,
        (routed) => route(slot, routed),
      );
      // Popups are not rendered (their requests are refused as not from the main frame).
      context.on('page', (other) => {
        if (other !== page) other.close().catch(noop);
      });
      return slot;
    } catch (error) {
      await context.close().catch(noop);
      throw error;
    }
  }

  async function takeSlot(): Promise<Slot> {
    for (;;) {
      const slot = idle.pop();
      if (slot === undefined) return openSlot();
      if (slot.browser.isConnected() && !slot.page.isClosed()) return slot;
    }
  }

  async function giveBack(slot: Slot): Promise<void> {
    slot.active = null;
    if (!closed && !slot.broken && slot.renders < rendersPerPage && slot.browser.isConnected()) {
      idle.push(slot);
      return;
    }
    await slot.context.close().catch(noop);
  }

  async function render(request: RenderRequest): Promise<RenderResult> {
    const started = performance.now();
    const active = new ActiveRender(request);
    const failure = (reason: RenderFailureReason, detail: string): RenderResult => ({
      ok: false,
      reason,
      detail,
      elapsedMs: Math.round(performance.now() - started),
      requests: active.stats,
    });
    if (closed) return failure('browser_error', 'navigateur fermé');
    try {
      await permits.acquire(request.signal);
    } catch {
      return failure('aborted', 'rendu annulé');
    }
    rendering += 1;
    renders += 1;
    let slot: Slot | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unlink = followSignal(active.controller, request.signal);
    try {
      // Not raced with the signal: a page being opened is kept, and launching has its own timeout.
      slot = await takeSlot();
      if (active.controller.signal.aborted) throw new RenderAbort();
      slot.renders += 1;
      slot.active = active;
      // The budget starts once a page is ours: waiting for one is not the site's fault.
      const renderStarted = performance.now();
      timer = setTimeout(() => active.controller.abort(new RenderAbort('timeout')), request.timeoutMs);
      const { page } = slot;
      await unlessAborted(slot.context.clearCookies(), active.controller.signal);
      await unlessAborted(
        page.goto(request.url, { waitUntil: 'load', timeout: 0 }),
        active.controller.signal,
      );
      active.lastActivity = Math.max(active.lastActivity, performance.now());
      const settleBudget = Math.min(maxSettleMs, request.timeoutMs - (performance.now() - renderStarted));
      await unlessAborted(settle(active, quietMs, Math.max(0, settleBudget)), active.controller.signal);
      const html = await unlessAborted(readDom(page), active.controller.signal);
      const finalUrl = page.url();
      if (!/^https?:/i.test(finalUrl)) {
        slot.broken = true;
        return failure('browser_error', `page affichée inattendue : ${finalUrl}`);
      }
      return {
        ok: true,
        html,
        finalUrl,
        httpStatus: active.mainStatus,
        elapsedMs: Math.round(performance.now() - started),
        requests: active.stats,
      };
    } catch (error) {
      if (slot !== null) slot.broken = true;
      if (request.signal?.aborted) return failure('aborted', 'rendu annulé');
      if (active.controller.signal.aborted) {
        return failure('timeout', `rendu JavaScript : délai de ${request.timeoutMs} ms dépassé`);
      }
      return failure('browser_error', `rendu JavaScript impossible : ${errorText(error)}`);
    } finally {
      clearTimeout(timer);
      unlink();
      // Requests still waiting for the loader are answered by nobody: abort them.
      if (!active.controller.signal.aborted) active.controller.abort(new RenderAbort('done'));
      if (slot !== null) await giveBack(slot);
      rendering -= 1;
      permits.release();
    }
  }

  return {
    async start() {
      await launch();
    },
    render,
    async close() {
      closed = true;
      const launching = browserPromise;
      browserPromise = null;
      idle.length = 0;
      if (launching === null) return;
      const browser = await launching.catch(() => null);
      await browser?.close().catch(noop);
    },
    stats: () => ({ launched: browserPromise !== null, renders, rendering, waiting: permits.waiting }),
  };
}
