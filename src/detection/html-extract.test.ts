import { describe, expect, it } from 'vitest';
import { extractPage } from './html-extract.ts';

const URL = 'https://www.ville-test.fr/demarches/etat-civil/naissance';

function page(body: string, head = '<title>Titre</title>'): string {
  return `<!doctype html><html lang="FR"><head>${head}</head><body>${body}</body></html>`;
}

describe('extractPage', () => {
  it('reads the title, the lang and a responsive viewport', () => {
    const content = extractPage(
      URL,
      page(
        '',
        '<title> Acte de  naissance | Ville </title><meta name="viewport" content="width=device-width, initial-scale=1">',
      ),
    );
    expect(content.title).toBe('Acte de naissance | Ville');
    expect(content.lang).toBe('fr');
    expect(content.hasResponsiveViewport).toBe(true);
    expect(extractPage(URL, '<p>x</p>').hasResponsiveViewport).toBe(false);
    expect(extractPage(URL, '<p>x</p>').lang).toBeNull();
  });

  it('collapses whitespace and keeps one line per block element', () => {
    const content = extractPage(
      URL,
      page('<p>Une   demande\n\t<b>en</b> ligne.</p><ul><li>Un</li><li>Deux</li></ul>'),
    );
    expect(content.text).toBe('Une demande en ligne.\nUn\nDeux');
  });

  it('gives the same text whatever the entities: &eacute;, &#233; and é', () => {
    const texts = ['d&eacute;marche', 'd&#233;marche', 'd&#xE9;marche', 'démarche'].map(
      (word) => extractPage(URL, page(`<p>${word}</p>`)).text,
    );
    expect(new Set(texts)).toEqual(new Set(['démarche']));
  });

  it('leaves script, style, noscript, template and select options out of the text', () => {
    const content = extractPage(
      URL,
      page(
        '<p>Visible</p><script>var x = "caché";</script><style>p{}</style><noscript>Activez JS</noscript>' +
          '<template><p>modèle</p></template><select name="c"><option>Option</option></select>',
      ),
    );
    expect(content.text).toBe('Visible');
  });

  it('keeps navigation, header and footer text out of the text but keeps their links', () => {
    const content = extractPage(
      URL,
      page(
        '<header><a href="/">Accueil</a><nav><a href="/creche">Crèche</a></nav></header>' +
          '<main><h1>Acte de naissance</h1><p>Texte</p></main>' +
          '<footer><p>Mentions légales</p><a href="mailto:mairie@ville-test.fr">Écrire</a></footer>',
      ),
    );
    expect(content.text).toBe('Acte de naissance\nTexte');
    expect(content.links.map((link) => [link.text, link.boilerplate ?? false])).toEqual([
      ['Accueil', true],
      ['Crèche', true],
      ['Écrire', true],
    ]);
  });

  it('treats a header inside the main content as content, and old id/class menus as navigation', () => {
    const content = extractPage(
      URL,
      page(
        '<div id="menu"><a href="/a">Menu A</a></div><article><header><h1>Titre</h1></header><p>Corps</p></article>',
      ),
    );
    expect(content.text).toBe('Titre\nCorps');
    expect(content.headings).toEqual(['Titre']);
    expect(content.links[0]?.boilerplate).toBe(true);
  });

  it('resolves links against the page URL and drops fragments and non-web schemes', () => {
    const content = extractPage(
      URL,
      page(
        '<a href="formulaire.pdf#page=2">Formulaire</a><a href="/contact">Contact</a><a href="#haut">Haut</a>' +
          '<a href="javascript:void(0)">JS</a><a href="tel:0102030405">Tél</a><a href="mailto:a@b.fr">Mail</a>',
      ),
    );
    expect(content.links.map((link) => link.href)).toEqual([
      'https://www.ville-test.fr/demarches/etat-civil/formulaire.pdf',
      'https://www.ville-test.fr/contact',
      'mailto:a@b.fr',
    ]);
  });

  it('resolves links against <base href>, even relative to the page', () => {
    const content = extractPage(URL, page('<a href="doc.pdf">Doc</a>', '<base href="/fichiers/">'));
    expect(content.links[0]?.href).toBe('https://www.ville-test.fr/fichiers/doc.pdf');
  });

  it('names a link by its text, else its aria-label, title or image alt', () => {
    const content = extractPage(
      URL,
      page(
        '<a href="/a" aria-label="Portail famille"></a><a href="/b" title="Payer"> </a><a href="/c"><img alt="Urbanisme"></a>',
      ),
    );
    expect(content.links.map((link) => link.text)).toEqual(['Portail famille', 'Payer', 'Urbanisme']);
  });

  it('cuts the main text into sections at h1–h3 and places links and forms in them', () => {
    const content = extractPage(
      URL,
      page(
        '<p>Intro</p><h1>Naissance</h1><p>En ligne <a href="/x">ici</a></p>' +
          '<h2>Par courrier</h2><p>Téléchargez</p><form><input name="a"><input name="b"><button>OK</button></form>',
      ),
    );
    expect(content.headings).toEqual(['Naissance', 'Par courrier']);
    expect(content.sections).toEqual([
      { heading: '', level: 0, text: 'Intro' },
      { heading: 'Naissance', level: 1, text: 'Naissance\nEn ligne ici' },
      { heading: 'Par courrier', level: 2, text: 'Par courrier\nTéléchargez\nOK' },
    ]);
    expect(content.links[0]?.section).toBe(1);
    expect(content.forms[0]?.section).toBe(2);
  });

  it('extracts a form: action, method, labelled fields, file upload and submit', () => {
    const content = extractPage(
      URL,
      page(
        '<form action="envoi" method="POST">' +
          '<label for="nom">Nom</label><input id="nom" name="nom">' +
          '<label>Justificatif <input type="file" name="pj"></label>' +
          '<input type="email" name="mail" placeholder="Votre courriel">' +
          '<input type="hidden" name="token" value="x">' +
          '<textarea name="msg" aria-label="Message"></textarea>' +
          '<button>Envoyer</button></form>',
      ),
    );
    expect(content.forms).toEqual([
      {
        action: 'https://www.ville-test.fr/demarches/etat-civil/envoi',
        method: 'post',
        fields: [
          { type: 'text', name: 'nom', label: 'Nom' },
          { type: 'file', name: 'pj', label: 'Justificatif' },
          { type: 'email', name: 'mail', label: 'Votre courriel' },
          { type: 'textarea', name: 'msg', label: 'Message' },
        ],
        hasFileUpload: true,
        hasSubmit: true,
        isSearch: false,
        section: 0,
      },
    ]);
  });

  it('recognises site-search forms', () => {
    const content = extractPage(
      URL,
      page(
        '<form role="search"><input name="x"></form>' +
          '<form action="/recherche"><input name="mots"></form>' +
          '<form><input type="search" name="terme"></form>' +
          '<form action="/go"><input name="q"><button>OK</button></form>' +
          '<form action="/demande"><input name="nom"><input name="prenom"><button>OK</button></form>',
      ),
    );
    expect(content.forms.map((form) => form.isSearch)).toEqual([true, true, true, true, false]);
  });

  it('lists external scripts and iframes as resources, once each', () => {
    const content = extractPage(
      URL,
      page(
        '<iframe src="https://rdv.anct.gouv.fr/widget"></iframe><script src="/js/app.js"></script>',
        '<script src="/js/app.js"></script>',
      ),
    );
    expect(content.resources).toEqual([
      'https://www.ville-test.fr/js/app.js',
      'https://rdv.anct.gouv.fr/widget',
    ]);
  });

  it('survives broken markup and uppercase tags and attributes', () => {
    const content = extractPage(
      URL,
      '<HTML><BODY><TD ID="menu"><A HREF="a.php">Menu</A></TD><P>Texte <B>gras</P><A HREF="x.pdf">Doc',
    );
    expect(content.text).toBe('Texte gras\nDoc');
    expect(content.links.map((link) => [link.href, link.boilerplate ?? false])).toEqual([
      ['https://www.ville-test.fr/demarches/etat-civil/a.php', true],
      ['https://www.ville-test.fr/demarches/etat-civil/x.pdf', false],
    ]);
  });
});
