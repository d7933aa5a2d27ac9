import { describe, expect, it } from 'vitest';
import { contextOf, htmlPage } from '../../../test/support/detection.ts';
import { detectOnlineForm, isRequestForm } from './online-form.ts';

const formsOf = (html: string) => htmlPage(html).forms;

describe('online-form detector', () => {
  it('takes a form with fields and a submit button for a request form', () => {
    const page = htmlPage(
      '<form method="post"><input name="nom"><input name="adresse"><button>Envoyer</button></form>',
    );
    expect(detectOnlineForm(page, contextOf(page))).toEqual([
      expect.objectContaining({ kind: 'online_form', strength: 0.9, location: { section: 0 } }),
    ]);
  });

  it('counts a file upload as a stronger request form', () => {
    const page = htmlPage('<form><input type="file" name="pj"><button>Déposer</button></form>');
    expect(detectOnlineForm(page, contextOf(page))[0]?.strength).toBe(1);
  });

  it.each([
    ['a site search', '<form role="search"><input name="q"><button>OK</button></form>'],
    ['a login', '<form><input name="u"><input type="password" name="p"><button>OK</button></form>'],
    ['a newsletter box', '<form><input type="email" name="mail"><button>OK</button></form>'],
    ['a form without submit', '<form><input name="a"><input name="b"></form>'],
    [
      'a feedback box',
      '<form><input type="radio" name="u" value="1"><input type="radio" name="u" value="0"><textarea name="c"></textarea><button>OK</button></form>',
    ],
  ])('does not take %s for a request form', (_name, html) => {
    expect(formsOf(html).some(isRequestForm)).toBe(false);
  });
});
