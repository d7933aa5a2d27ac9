import type { PageForm } from '../../detection/page.ts';
import { normalizeFrench } from '../../shared/french-text.ts';
import { firstByUrl, isLinkTo, isPageNamed, type NamedPage, noHtmlPageVerdict } from '../html-pages.ts';
import { isHtmlPage } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck, type PortalEvidence } from '../portal.types.ts';

const CONTACT: NamedPage = {
  text: /\b(?:contact(?:s|ez-nous|er)?|nous contacter|nous ecrire|ecrivez-nous)\b/,
  path: /(?:^|\/)(?:nous-)?contact(?:s|ez-nous|er)?(?:[/._-]|$)|(?:^|\/)ecrivez-nous|nous-ecrire/,
  hrefHint: /contact|ecri/i,
};

/** A message form: an e-mail field and a free-text area, not a search box. */
function isContactForm(form: PageForm): boolean {
  if (form.isSearch) return false;
  const email = form.fields.some(
    (field) =>
      field.type === 'email' ||
      /e-?mail|courriel|mel\b/.test(normalizeFrench(`${field.name} ${field.label}`)),
  );
  return email && form.fields.some((field) => field.type === 'textarea');
}

interface Found {
  url: string;
  note: string;
}

/** A way to reach the authority: a « Contact » / « Nous contacter » link or page, or a contact form. */
export const contactPageCheck: PortalCheck = {
  key: 'contact_page',
  start() {
    const label = PORTAL_CHECK_LABELS.contact_page;
    let htmlPages = 0;
    let link: (Found & { href: string }) | undefined;
    let contactPage: Found | undefined;
    let contactForm: Found | undefined;
    return {
      add(page) {
        if (!isHtmlPage(page)) return;
        htmlPages += 1;
        const { content } = page;
        const found = content.links.find((candidate) => isLinkTo(CONTACT, candidate));
        if (found !== undefined) {
          link = firstByUrl(link, {
            url: page.url,
            href: found.href,
            note: `Lien « ${found.text} » vers ${found.href}`,
          });
        }
        if (isPageNamed(CONTACT, page)) {
          contactPage = firstByUrl(contactPage, { url: page.url, note: 'Page de contact' });
        }
        if (content.forms.some(isContactForm)) {
          contactForm = firstByUrl(contactForm, {
            url: page.url,
            note: 'Formulaire de contact (courriel et message)',
          });
        }
      },
      finish() {
        if (htmlPages === 0) return noHtmlPageVerdict(label);
        const evidence: PortalEvidence[] = [contactPage, contactForm, link]
          .filter((found): found is Found => found !== undefined)
          .map(({ url, note }) => ({ url, note }));
        const details = {
          pageUrl: contactPage?.url ?? null,
          formUrl: contactForm?.url ?? null,
          linkUrl: link?.href ?? null,
        };
        const value = contactPage?.url ?? contactForm?.url ?? link?.href ?? null;
        if (value === null) {
          return { outcome: 'fail', value, summary: `${label} : introuvable`, details, evidence };
        }
        const withForm = contactForm === undefined ? '' : ', avec formulaire';
        return { outcome: 'pass', value, summary: `${label} : présente${withForm}`, details, evidence };
      },
    };
  },
};
