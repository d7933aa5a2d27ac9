import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent, PageForm } from '../page.ts';

/**
 * An HTML form in the main content that takes a request: fields and a submit button, not a
 * site search, not a login, not a one-field newsletter or feedback box.
 */

export const ONLINE_FORM = 'online-form';

const CHOICE_TYPES = new Set(['checkbox', 'radio']);

export function isRequestForm(form: PageForm): boolean {
  if (form.isSearch || !form.hasSubmit || form.section === undefined) return false;
  if (form.fields.some((field) => field.type === 'password')) return false;
  const typed = form.fields.filter((field) => !CHOICE_TYPES.has(field.type));
  return form.hasFileUpload || typed.length >= 2;
}

export function detectOnlineForm(page: PageContent, _ctx: DetectionContext): Signal[] {
  const signals: Signal[] = [];
  for (const form of page.forms) {
    if (!isRequestForm(form)) continue;
    const labels = form.fields.map((field) => field.label || field.name).filter((label) => label !== '');
    signals.push({
      kind: 'online_form',
      detector: ONLINE_FORM,
      strength: form.hasFileUpload ? 1 : 0.9,
      phrase: `formulaire (${labels.slice(0, 4).join(', ')}${labels.length > 4 ? '…' : ''})`,
      location: { section: form.section },
    });
  }
  return signals;
}
