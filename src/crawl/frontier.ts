/**
 * Breadth-first frontier: URLs leave shallowest first, in discovery order within a depth.
 * Dedupe and admission rules live in the site crawler; this only orders.
 */

export interface FrontierItem {
  url: string;
  depth: number;
}

export class Frontier {
  readonly #byDepth = new Map<number, { items: FrontierItem[]; head: number }>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(item: FrontierItem): void {
    let bucket = this.#byDepth.get(item.depth);
    if (bucket === undefined) {
      bucket = { items: [], head: 0 };
      this.#byDepth.set(item.depth, bucket);
    }
    bucket.items.push(item);
    this.#size += 1;
  }

  shift(): FrontierItem | undefined {
    if (this.#size === 0) return undefined;
    const depth = Math.min(...this.#byDepth.keys());
    const bucket = this.#byDepth.get(depth);
    if (bucket === undefined) return undefined;
    const item = bucket.items[bucket.head];
    bucket.head += 1;
    if (bucket.head >= bucket.items.length) this.#byDepth.delete(depth);
    this.#size -= 1;
    return item;
  }

  /** Empties the frontier, returning how many items it held. */
  clear(): number {
    const dropped = this.#size;
    this.#byDepth.clear();
    this.#size = 0;
    return dropped;
  }
}
