/**
 * Whether a page fetched over HTTP looks like it needs JavaScript to show its content (the
 * 'auto' render mode): a near-empty body with scripts or a framework's app root, or a
 * <noscript> asking to enable JavaScript. Pure; docs/adr/0004-browser-mode.md gives the why.
 */
import { Parser } from 'htmlparser2';

/** Below this much visible text, a page with scripts is an empty shell. */
export const SHELL_TEXT_CHARS = 200;
/** A page that says it needs JavaScript is rendered unless it already shows this much text. */
export const NOSCRIPT_TEXT_CHARS = 1000;

/** Ids of the element single-page frameworks mount into (Vue, React, Next, Nuxt, Quasar, Svelte, Ember…). */
const APP_ROOT_IDS = new Set(['app', 'root', '__next', '__nuxt', 'q-app', 'svelte', 'ember-app', 'main-app']);
/** Attributes that mark an app root whatever its id (Angular, older React). */
const APP_ROOT_ATTRIBUTES = ['ng-app', 'ng-version', 'data-reactroot', 'data-v-app'];
/** Elements whose text is not visible content. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title']);
/** Script types that hold data, not code. */
const DATA_SCRIPT = /json|template|text\/(?:html|x-)/i;
/** "Enable JavaScript", "activez JavaScript", "JavaScript est nécessaire / requis / désactivé"… */
const ASKS_FOR_JAVASCRIPT =
  /javascript[\s\S]{0,80}(?:activ|enabl|requi|n[ée]cess|d[ée]sactiv|disabl|turn(?:ed)? on|autoris|support)|(?:activ|enabl|turn on|autoris|besoin|need|requi|n[ée]cessit)[\s\S]{0,60}javascript/i;

export type JsDependenceReason = 'app_root' | 'scripts_only' | 'noscript';

export interface JsDependence {
  needsBrowser: boolean;
  reason: JsDependenceReason | null;
  /** Visible text characters (whitespace collapsed; scripts, styles, <noscript> excluded), counted up to just over NOSCRIPT_TEXT_CHARS. */
  textChars: number;
  scripts: number;
  hasAppRoot: boolean;
  noscriptAsksForJavaScript: boolean;
}

export function javascriptDependence(html: string): JsDependence {
  let hidden = 0;
  let inNoscript = 0;
  let text = '';
  let noscript = '';
  let scripts = 0;
  let hasAppRoot = false;
  // Whether the last character appended to `text` was a space (whitespace is collapsed as we go).
  let lastSpace = true;
  let enough = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script') {
          const type = attributes.type ?? '';
          if (!DATA_SCRIPT.test(type)) scripts += 1;
        }
        if (name === 'noscript') inNoscript += 1;
        if (HIDDEN.has(name)) hidden += 1;
        const id = attributes.id?.toLowerCase();
        if (
          (id !== undefined && APP_ROOT_IDS.has(id)) ||
          name === 'app-root' ||
          APP_ROOT_ATTRIBUTES.some((attribute) => attribute in attributes)
        ) {
          hasAppRoot = true;
        }
      },
      ontext(chunk) {
        if (inNoscript > 0) {
          if (noscript.length < 2000) noscript += chunk;
          return;
        }
        if (hidden > 0) return;
        for (const part of chunk.split(/\s+/)) {
          if (part === '') {
            if (!lastSpace) text += ' ';
            lastSpace = true;
            continue;
          }
          if (!lastSpace && text !== '') text += ' ';
          text += part;
          lastSpace = false;
        }
        // Enough text to rule every reason out: the rest of the page cannot change the answer.
        if (text.length > NOSCRIPT_TEXT_CHARS + 2) {
          enough = true;
          parser.pause();
        }
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (name === 'noscript') inNoscript = Math.max(0, inNoscript - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  if (!enough) parser.end();
  const textChars = text.trim().length;
  // The text of <noscript> is only seen by parsers: browsers that run scripts ignore it.
  const noscriptAsksForJavaScript = ASKS_FOR_JAVASCRIPT.test(noscript);
  let reason: JsDependenceReason | null = null;
  if (textChars < SHELL_TEXT_CHARS && hasAppRoot) reason = 'app_root';
  else if (textChars < SHELL_TEXT_CHARS && scripts > 0) reason = 'scripts_only';
  else if (noscriptAsksForJavaScript && textChars < NOSCRIPT_TEXT_CHARS) reason = 'noscript';
  return { needsBrowser: reason !== null, reason, textChars, scripts, hasAppRoot, noscriptAsksForJavaScript };
}
