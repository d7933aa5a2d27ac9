import { describe, expect, it } from 'vitest';
import { followSignal } from './abort.ts';

describe('followSignal', () => {
  it('aborts the controller with the signal’s reason', () => {
    const source = new AbortController();
    const target = new AbortController();
    followSignal(target, source.signal);
    source.abort(new Error('arrêt'));
    expect(target.signal.reason).toEqual(new Error('arrêt'));
  });

  it('aborts at once when the signal already is', () => {
    const target = new AbortController();
    followSignal(target, AbortSignal.abort('déjà'));
    expect(target.signal.aborted).toBe(true);
  });

  it('stops following once unlinked', () => {
    const source = new AbortController();
    const target = new AbortController();
    const unlink = followSignal(target, source.signal);
    unlink();
    source.abort();
    expect(target.signal.aborted).toBe(false);
  });

  it('accepts no signal', () => {
    const target = new AbortController();
    followSignal(target, undefined)();
    expect(target.signal.aborted).toBe(false);
  });
});
