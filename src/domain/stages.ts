/**
 * The stages a new organization starts with, and the stage-based win figure each carries. That
 * figure is what most CRMs show as "probability"; Winsight keeps it only for comparison.
 */
export const DEFAULT_STAGES: ReadonlyArray<{ name: string; probability: number }> = [
  { name: 'Qualify', probability: 10 },
  { name: 'Discover', probability: 20 },
  { name: 'Solution', probability: 40 },
  { name: 'Propose', probability: 60 },
  { name: 'Negotiate', probability: 75 },
  { name: 'Commit', probability: 90 },
];
