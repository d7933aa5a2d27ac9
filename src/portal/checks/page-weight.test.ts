import { describe, expect, it } from 'vitest';
import { checkResult, failedPage, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { pageWeightCheck } from './page-weight.ts';

function pagesWeighing(...sizes: number[]) {
  return sizes.map((bytes, i) => portalPage(i === 0 ? HOME : `${HOME}page-${i}`, { bytes }));
}

describe('page_weight check', () => {
  it('passes with a median HTML weight of 500 Kio or less', () => {
    const result = checkResult(pageWeightCheck, pagesWeighing(40_000, 60_000, 2_000_000));
    expect(result).toMatchObject({
      outcome: 'pass',
      value: 60_000,
      details: { p90Bytes: 2_000_000, pages: 3 },
    });
    expect(result.summary).toBe('Poids des pages : médiane 59 Kio de HTML, 90e centile 1,9 Mio (3 pages)');
  });

  it('warns with a median HTML weight above 500 Kio', () => {
    expect(checkResult(pageWeightCheck, pagesWeighing(600_000, 700_000, 10_000)).outcome).toBe('warn');
  });

  it('never fails: the HTML alone is too partial a view of what a visitor downloads', () => {
    expect(checkResult(pageWeightCheck, pagesWeighing(9_000_000, 9_000_000)).outcome).toBe('warn');
  });

  it('counts only HTML pages', () => {
    const pages = [
      ...pagesWeighing(50_000),
      portalPage(`${HOME}guide.pdf`, { bytes: 8_000_000, content: null }),
    ];
    expect(checkResult(pageWeightCheck, pages).value).toBe(50_000);
  });

  it('is unknown without any HTML page', () => {
    expect(checkResult(pageWeightCheck, [failedPage(HOME, 'timeout', null)]).outcome).toBe('unknown');
  });
});
