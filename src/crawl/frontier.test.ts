import { describe, expect, it } from 'vitest';
import { Frontier } from './frontier.ts';

describe('Frontier', () => {
  it('serves the shallowest depth first, in discovery order within a depth', () => {
    const frontier = new Frontier();
    frontier.push({ url: 'b1', depth: 1 });
    frontier.push({ url: 'c2', depth: 2 });
    frontier.push({ url: 'a0', depth: 0 });
    frontier.push({ url: 'b2', depth: 1 });
    const order: string[] = [];
    for (let item = frontier.shift(); item !== undefined; item = frontier.shift()) order.push(item.url);
    expect(order).toEqual(['a0', 'b1', 'b2', 'c2']);
    expect(frontier.size).toBe(0);
  });

  it('accepts shallower items after deeper ones were served', () => {
    const frontier = new Frontier();
    frontier.push({ url: 'deep', depth: 3 });
    frontier.push({ url: 'deeper', depth: 4 });
    expect(frontier.shift()?.url).toBe('deep');
    frontier.push({ url: 'shallow', depth: 1 });
    expect(frontier.shift()?.url).toBe('shallow');
  });

  it('clears and reports how many were dropped', () => {
    const frontier = new Frontier();
    frontier.push({ url: 'a', depth: 0 });
    frontier.push({ url: 'b', depth: 5 });
    expect(frontier.clear()).toBe(2);
    expect(frontier.shift()).toBeUndefined();
  });
});
