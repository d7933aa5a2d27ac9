import { describe, expect, it } from 'vitest';
import type { DigitalisationLevel } from '../referential/levels.ts';
import type { PageDetection } from './detection.types.ts';
import { aggregateSite, failedDetectorCounts } from './site-aggregate.ts';

function page(
  url: string,
  detections: Array<[string, DigitalisationLevel, number]>,
  failed: string[] = [],
): PageDetection {
  return {
    url,
    detections: detections.map(([serviceKey, level, confidence]) => ({
      serviceKey,
      level,
      confidence,
      evidence: { url, phrases: [serviceKey], signals: [] },
    })),
    failedDetectors: failed.map((detector) => ({ detector, error: 'x' })),
  };
}

describe('aggregateSite', () => {
  it('keeps the highest level among pages that pass the confidence threshold', () => {
    const [result] = aggregateSite([
      page('https://x.fr/a', [['creche', 1, 0.9]]),
      page('https://x.fr/b', [['creche', 3, 0.6]]),
      page('https://x.fr/c', [['creche', 4, 0.3]]),
    ]);
    expect(result).toMatchObject({ serviceKey: 'creche', level: 3, confidence: 0.6 });
  });

  it('breaks ties between pages of the same level by confidence', () => {
    const [result] = aggregateSite([
      page('https://x.fr/a', [['creche', 2, 0.6]]),
      page('https://x.fr/b', [['creche', 2, 0.8]]),
    ]);
    expect(result?.evidence[0]?.url).toBe('https://x.fr/b');
    expect(result?.confidence).toBe(0.8);
  });

  it('keeps all the evidence of a service, the deciding page first', () => {
    const [result] = aggregateSite([
      page('https://x.fr/a', [['creche', 4, 0.3]]),
      page('https://x.fr/b', [['creche', 3, 0.7]]),
      page('https://x.fr/c', [['creche', 1, 0.9]]),
    ]);
    expect(result?.evidence.map((entry) => [entry.url, entry.level])).toEqual([
      ['https://x.fr/b', 3],
      ['https://x.fr/c', 1],
      ['https://x.fr/a', 4],
    ]);
  });

  it('leaves out services that no page detects with enough confidence', () => {
    expect(aggregateSite([page('https://x.fr/a', [['creche', 4, 0.3]])])).toEqual([]);
    expect(aggregateSite([page('https://x.fr/a', [['creche', 4, 0.3]])], { threshold: 0.2 })).toHaveLength(1);
  });

  it('gives one result per service, highest levels first', () => {
    const results = aggregateSite([
      page('https://x.fr/a', [
        ['creche', 2, 0.9],
        ['pacs', 4, 0.9],
      ]),
    ]);
    expect(results.map((result) => result.serviceKey)).toEqual(['pacs', 'creche']);
  });

  it('counts the pages on which each detector failed', () => {
    expect(
      failedDetectorCounts([
        page('https://x.fr/a', [], ['payment']),
        page('https://x.fr/b', [], ['payment', 'account']),
      ]),
    ).toEqual({ payment: 2, account: 1 });
  });
});
