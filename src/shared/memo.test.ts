import { describe, expect, it } from 'vitest';
import { memoizeText } from './memo.ts';

describe('memoizeText', () => {
  const counting = () => {
    const calls: string[] = [];
    const upper = (text: string) => {
      calls.push(text);
      return text === 'none' ? null : text.toUpperCase();
    };
    return { calls, upper };
  };

  it('computes a text once, null results included', () => {
    const { calls, upper } = counting();
    const memo = memoizeText(upper, { limit: 10, maxLength: 20 });
    expect([memo('menu'), memo('menu'), memo('none'), memo('none')]).toEqual(['MENU', 'MENU', null, null]);
    expect(calls).toEqual(['menu', 'none']);
  });

  it('does not remember texts longer than maxLength', () => {
    const { calls, upper } = counting();
    const memo = memoizeText(upper, { limit: 10, maxLength: 4 });
    memo('paragraph');
    memo('paragraph');
    expect(calls).toEqual(['paragraph', 'paragraph']);
  });

  it('forgets everything once full, and keeps answering', () => {
    const { calls, upper } = counting();
    const memo = memoizeText(upper, { limit: 2, maxLength: 20 });
    for (const text of ['a', 'b', 'c', 'a']) memo(text);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
    expect(memo('c')).toBe('C');
  });
});
