import type { ModelCard } from './queries.ts';

type Bin = ModelCard['reliability'][number];

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Grades of the calibration error (ECE) and what each means for reading the figures. */
export const CALIBRATION_GRADES = [
  { below: 0.05, grade: 'well calibrated', reading: 'its figures can be read as the chances they claim' },
  { below: 0.1, grade: 'fairly calibrated', reading: 'read its figures give or take a few points' },
  {
    below: Number.POSITIVE_INFINITY,
    grade: 'poorly calibrated',
    reading: 'read its figures as a ranking of deals rather than as chances',
  },
] as const;

/** A miss worth naming needs enough deals behind it to be more than chance. */
const MIN_DEALS_FOR_A_MISS = 10;

/**
 * The model's calibration on deals it had not seen, in words a sales leader reads: how far its
 * figures were from what happened on average, whether it leans optimistic or pessimistic, and
 * its largest miss on a band with enough deals.
 */
export function calibrationInWords(ece: number, reliability: readonly Bin[]): string[] {
  const { grade, reading } = CALIBRATION_GRADES.find((g) => ece < g.below)!;
  const lines = [
    `On closed deals it had not seen, its figures were ${Math.round(ece * 100)} points from what happened, on average (calibration error ${pct(ece)}): ${grade}, so ${reading}.`,
  ];
  const filled = reliability.filter((b) => b.count > 0);
  const deals = filled.reduce((s, b) => s + b.count, 0);
  if (deals === 0) return lines;
  const lean = filled.reduce((s, b) => s + (b.meanPredicted - b.observedRate) * b.count, 0) / deals;
  if (lean > 0.02)
    lines.push(`It leans optimistic: on average it promised ${Math.round(lean * 100)} points more than was won.`);
  else if (lean < -0.02)
    lines.push(`It leans cautious: on average it promised ${Math.round(-lean * 100)} points less than was won.`);
  else lines.push('It leans neither way: over all deals, what it promised is what was won.');
  const misses = filled
    .filter((b) => b.count >= MIN_DEALS_FOR_A_MISS)
    .sort((a, b) => Math.abs(b.meanPredicted - b.observedRate) - Math.abs(a.meanPredicted - a.observedRate));
  const worst = misses[0];
  if (worst && Math.abs(worst.meanPredicted - worst.observedRate) >= 0.05)
    lines.push(
      `Its largest miss: the ${worst.count} deals it put at ${Math.round(worst.from * 100)}–${Math.round(worst.to * 100)} % (${pct(worst.meanPredicted)} on average) were won ${pct(worst.observedRate)} of the time.`,
    );
  return lines;
}
