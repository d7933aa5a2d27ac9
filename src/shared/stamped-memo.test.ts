import { describe, expect, it } from 'vitest';
import { recentValue, stampedMemo } from './stamped-memo.ts';

describe('stampedMemo', () => {
  const counting = () => {
    const calls: string[] = [];
    let stamp = 's1';
    const memo = stampedMemo(
      async () => stamp,
      async (key: string) => {
        calls.push(key);
        if (key === 'bad') throw new Error('boom');
        return `${key}@${stamp}`;
      },
      { limit: 2 },
    );
    return { calls, memo, restamp: (next: string) => (stamp = next) };
  };

  it('loads once per arguments while the stamp stays the same, and again when it changes', async () => {
    const { calls, memo, restamp } = counting();
    expect(await Promise.all([memo('a'), memo('a')])).toEqual(['a@s1', 'a@s1']);
    expect(await memo('a')).toBe('a@s1');
    expect(calls).toEqual(['a']);
    restamp('s2');
    expect(await memo('a')).toBe('a@s2');
    expect(calls).toEqual(['a', 'a']);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    const { calls, memo } = counting();
    await expect(memo('bad')).rejects.toThrow('boom');
    await expect(memo('bad')).rejects.toThrow('boom');
    expect(calls).toEqual(['bad', 'bad']);
  });

  it('forgets everything beyond its limit', async () => {
    const { calls, memo } = counting();
    await memo('a');
    await memo('b');
    await memo('c');
    await memo('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('recentValue', () => {
  it('reads again only once the last value is older than its maximum age, or failed', async () => {
    let clock = 0;
    let reads = 0;
    let fail = false;
    const value = recentValue(
      async () => {
        reads += 1;
        if (fail) throw new Error('boom');
        return reads;
      },
      1_000,
      () => clock,
    );
    expect(await value()).toBe(1);
    clock = 999;
    expect(await value()).toBe(1);
    clock = 1_000;
    expect(await value()).toBe(2);
    fail = true;
    clock = 2_000;
    await expect(value()).rejects.toThrow('boom');
    fail = false;
    expect(await value()).toBe(4);
  });
});
