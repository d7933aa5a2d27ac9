import { describe, expect, it } from 'vitest';
import { checkResult, failedPage, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { responseTimeCheck } from './response-time.ts';

function pagesTaking(...timings: number[]) {
  return timings.map((elapsedMs, i) => portalPage(i === 0 ? HOME : `${HOME}page-${i}`, { elapsedMs }));
}

describe('response_time check', () => {
  it('passes with a median of one second or less', () => {
    const result = checkResult(responseTimeCheck, pagesTaking(300, 1_000, 400, 5_000, 1_000));
    expect(result).toMatchObject({
      outcome: 'pass',
      value: 1_000,
      details: { medianMs: 1_000, p90Ms: 5_000, pages: 5 },
    });
    expect(result.summary).toBe('Temps de réponse : médiane 1 s, 90e centile 5 s (5 pages)');
  });

  it('warns with a median above one second', () => {
    expect(checkResult(responseTimeCheck, pagesTaking(1_200, 1_500, 900)).outcome).toBe('warn');
  });

  it('fails with a median above three seconds', () => {
    expect(checkResult(responseTimeCheck, pagesTaking(3_500, 4_000, 900)).outcome).toBe('fail');
  });

  it('counts only pages fetched ok and parsed as HTML', () => {
    const pages = [
      ...pagesTaking(200, 300),
      { ...failedPage(`${HOME}lent`, 'timeout', null), elapsedMs: 30_000 },
      portalPage(`${HOME}doc.pdf`, { elapsedMs: 9_000, content: null }),
    ];
    expect(checkResult(responseTimeCheck, pages)).toMatchObject({ value: 250, details: { pages: 2 } });
  });

  it('lists the slowest pages as evidence', () => {
    const result = checkResult(responseTimeCheck, pagesTaking(100, 2_000, 300, 1_500, 200));
    expect(result.evidence.map((item) => item.url)).toEqual([
      `${HOME}page-1`,
      `${HOME}page-3`,
      `${HOME}page-2`,
    ]);
  });

  it('is unknown without any HTML page', () => {
    expect(checkResult(responseTimeCheck, [failedPage(HOME, 'dns_error', null)]).outcome).toBe('unknown');
  });
});
