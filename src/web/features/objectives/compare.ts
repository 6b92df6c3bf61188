// What changed between two versions of an objective, in a form a person can read: the text word
// by word, the questions one by one (added, removed, reworded, moved), the weight from and to.

export type WordPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** The longest common subsequence table of two token lists (small texts: a few hundred words). */
function lcs<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): number[][] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = same(a[i]!, b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  return table;
}

/** Two texts as one run of kept, removed and added words (spaces stay with the word before them). */
export function diffWords(before: string, after: string): WordPart[] {
  const a = before.match(/\S+\s*/g) ?? [];
  const b = after.match(/\S+\s*/g) ?? [];
  const word = (t: string) => t.trimEnd();
  const table = lcs(a, b, (x, y) => word(x) === word(y));
  // mostly rewritten: old and new read better whole than interleaved word by word
  if (a.length > 0 && b.length > 0 && table[0]![0]! < 0.4 * Math.max(a.length, b.length)) {
    return [
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ];
  }
  const parts: WordPart[] = [];
  const push = (kind: WordPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && word(a[i]!) === word(b[j]!)) {
      push('same', b[j]!);
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || table[i + 1]![j]! >= table[i]![j + 1]!)) {
      // on a tie the old words go first: "~~today?~~ budget?" reads better than the reverse
      push('removed', a[i]!);
      i++;
    } else {
      push('added', b[j]!);
      j++;
    }
  }
  return parts;
}

export type QuestionChange =
  | { kind: 'same' | 'added'; text: string; at: number }
  | { kind: 'removed'; text: string; from: number }
  | { kind: 'moved'; text: string; from: number; at: number }
  | { kind: 'reworded'; text: string; before: string; parts: WordPart[]; at: number };

/** How alike two questions are: the share of their words they have in common (0 to 1). */
function likeness(a: string, b: string): number {
  const words = (t: string) => t.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const left = words(a);
  const right = new Set(words(b));
  const common = new Set(left.filter((w) => right.has(w))).size;
  return common / Math.max(1, Math.max(new Set(left).size, right.size));
}

/** Positions (in `sequence`) of a longest strictly increasing run: the questions that kept their order. */
function longestIncreasing(sequence: readonly number[]): Set<number> {
  const length = sequence.map(() => 1);
  const previous = sequence.map(() => -1);
  for (let i = 0; i < sequence.length; i++) {
    for (let k = 0; k < i; k++) {
      if (sequence[k]! < sequence[i]! && length[k]! + 1 > length[i]!) {
        length[i] = length[k]! + 1;
        previous[i] = k;
      }
    }
  }
  const kept = new Set<number>();
  let at = length.indexOf(Math.max(0, ...length));
  while (at >= 0) {
    kept.add(at);
    at = previous[at]!;
  }
  return kept;
}

/**
 * The new list of questions, each marked against the old one, then the removed ones. A new
 * question much like a removed one is that question reworded; one that kept its words but not its
 * place moved (`at` and `from` count from 1).
 */
export function compareQuestions(before: readonly string[], after: readonly string[]): QuestionChange[] {
  const left = new Set(before.map((_, i) => i));
  const source = new Map<number, number>();
  after.forEach((q, j) => {
    const i = before.findIndex((b, k) => b === q && left.has(k));
    if (i >= 0) {
      source.set(j, i);
      left.delete(i);
    }
  });
  const reworded = new Map<number, number>();
  after.forEach((q, j) => {
    if (source.has(j)) return;
    let best: { i: number; score: number } | null = null;
    for (const i of left) {
      const score = likeness(before[i]!, q);
      if (score >= 0.4 && (!best || score > best.score)) best = { i, score };
    }
    if (best) {
      reworded.set(j, best.i);
      left.delete(best.i);
    }
  });
  const identical = [...source.entries()].sort((x, y) => x[0] - y[0]);
  const kept = longestIncreasing(identical.map(([, i]) => i));
  const stayed = new Set(identical.filter((_, n) => kept.has(n)).map(([j]) => j));
  const out: QuestionChange[] = after.map((q, j): QuestionChange => {
    const from = source.get(j);
    if (from !== undefined)
      return stayed.has(j)
        ? { kind: 'same', text: q, at: j + 1 }
        : { kind: 'moved', text: q, from: from + 1, at: j + 1 };
    const original = reworded.get(j);
    if (original !== undefined)
      return {
        kind: 'reworded',
        text: q,
        before: before[original]!,
        parts: diffWords(before[original]!, q),
        at: j + 1,
      };
    return { kind: 'added', text: q, at: j + 1 };
  });
  for (const i of [...left].sort((x, y) => x - y)) out.push({ kind: 'removed', text: before[i]!, from: i + 1 });
  return out;
}

type Wording = { definition: string; whyItMatters: string; questions: readonly string[]; weight: number };

export type VersionChanges = {
  definition: WordPart[] | null;
  whyItMatters: WordPart[] | null;
  questions: QuestionChange[] | null;
  weight: { from: number; to: number } | null;
};

/** What one version changed compared with the one before it; null for each part left alone. */
export function compareVersions(before: Wording, after: Wording): VersionChanges {
  const questionsChanged =
    before.questions.length !== after.questions.length || before.questions.some((q, i) => q !== after.questions[i]);
  return {
    definition: before.definition === after.definition ? null : diffWords(before.definition, after.definition),
    whyItMatters:
      before.whyItMatters === after.whyItMatters ? null : diffWords(before.whyItMatters, after.whyItMatters),
    questions: questionsChanged ? compareQuestions(before.questions, after.questions) : null,
    weight: before.weight === after.weight ? null : { from: before.weight, to: after.weight },
  };
}

/** "the definition and the weight", for a one-line summary of a version. */
export function changedParts(changes: VersionChanges): string[] {
  return [
    changes.definition ? 'the definition' : null,
    changes.whyItMatters ? 'why it matters' : null,
    changes.questions ? 'the questions' : null,
    changes.weight ? 'the weight' : null,
  ].filter((p): p is string => p !== null);
}
