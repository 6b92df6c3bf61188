// The baseline open CRMs use: naive Bayes over field-value frequencies, each field's value
// counted per outcome with add-one smoothing.

export type NaiveBayes = { predict(tokens: readonly string[]): number };

export function fitNaiveBayes(rows: ReadonlyArray<readonly string[]>, labels: ArrayLike<number>): NaiveBayes {
  const columns = rows[0]?.length ?? 0;
  const counts = Array.from({ length: columns }, () => [new Map<string, number>(), new Map<string, number>()] as const);
  const classCount = [0, 0];
  rows.forEach((row, i) => {
    const y = labels[i]! as 0 | 1;
    classCount[y]! += 1;
    row.forEach((t, c) => counts[c]![y].set(t, (counts[c]![y].get(t) ?? 0) + 1));
  });
  const vocabulary = counts.map(([a, b]) => new Set([...a.keys(), ...b.keys()]).size + 1);
  const prior = [
    Math.log((classCount[0]! + 1) / (rows.length + 2)),
    Math.log((classCount[1]! + 1) / (rows.length + 2)),
  ];
  return {
    predict: (row) => {
      const score = [prior[0]!, prior[1]!];
      row.forEach((t, c) => {
        for (const y of [0, 1] as const) {
          score[y]! += Math.log(((counts[c]![y].get(t) ?? 0) + 1) / (classCount[y]! + vocabulary[c]!));
        }
      });
      const diff = score[1]! - score[0]!;
      return diff >= 0 ? 1 / (1 + Math.exp(-diff)) : Math.exp(diff) / (1 + Math.exp(diff));
    },
  };
}
