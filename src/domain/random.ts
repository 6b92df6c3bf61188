/**
 * A small seeded random source (mulberry32). Domain code never calls Math.random: anything that
 * needs chance takes one of these, so the demo workspace and tests are the same on every run.
 */
export type Random = {
  /** uniform in [0, 1) */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** picks by relative weight: [['a', 3], ['b', 1]] gives 'a' three times as often */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  chance(probability: number): boolean;
  /** a v4-shaped id, deterministic for the seed */
  uuid(): string;
};

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of entries) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return entries[entries.length - 1]![0];
    },
    chance: (p) => next() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}

/** Shuffles a list in place (Fisher-Yates, from the end) and returns it. */
export function shuffleInPlace<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The fold (0 .. folds-1) of each of `count` rows, dealt in a random order so fold sizes differ by at most one. */
export function randomFolds(random: Random, count: number, folds: number): Int32Array {
  const fold = new Int32Array(count);
  shuffleInPlace(
    random,
    Array.from({ length: count }, (_, i) => i),
  ).forEach((row, k) => (fold[row] = k % folds));
  return fold;
}
