// The tunable thresholds of the danger-zone rules in words, with the range that makes sense for
// each. Shares are stored as fractions (0.4) and typed as percentages (40).

export type ThresholdMeta = {
  label: string;
  help: string;
  unit: 'share' | 'days' | 'count' | 'points' | 'fit' | 'number';
  min: number;
  max: number;
};

const THRESHOLDS: Record<string, ThresholdMeta> = {
  minThreads: {
    label: 'Contacts to be talking to',
    help: 'Fires when fewer of the buying group are really covered',
    unit: 'count',
    min: 1,
    max: 20,
  },
  minThreadsLargeDeal: {
    label: 'Contacts on a large deal',
    help: 'The same, for deals above the large-deal size',
    unit: 'count',
    min: 1,
    max: 30,
  },
  maxOneContactShare: {
    label: 'Most from one person',
    help: 'Fires when one person said more than this share of what the buyer side told us',
    unit: 'share',
    min: 0,
    max: 1,
  },
  minPassedTests: { label: 'Champion tests to pass', help: 'Of the six champion tests', unit: 'count', min: 1, max: 6 },
  closeWindowDays: {
    label: 'Close date within',
    help: 'Only deals closing this soon need a compelling event',
    unit: 'days',
    min: 1,
    max: 365,
  },
  cycleShare: {
    label: 'From this far into the cycle',
    help: 'Share of the expected sales cycle gone',
    unit: 'share',
    min: 0,
    max: 1,
  },
  notReceptiveShare: {
    label: 'Influence not receptive',
    help: 'Share of the buying group’s influence that sees no need to change',
    unit: 'share',
    min: 0,
    max: 1,
  },
  fitGap: {
    label: 'Fit gap counted as behind',
    help: 'Weighted criteria fit against the best alternative, from −1 to 0',
    unit: 'fit',
    min: -1,
    max: 0,
  },
  periodDays: {
    label: 'Closing within',
    help: 'Days to the close date from which the business case and legal must be under way',
    unit: 'days',
    min: 1,
    max: 120,
  },
  pushes: { label: 'Close-date pushes', help: 'Fires at this many pushes', unit: 'count', min: 1, max: 20 },
  manyPushes: {
    label: 'Pushes that make it high',
    help: 'At this many the severity rises to high',
    unit: 'count',
    min: 1,
    max: 20,
  },
  quietDaysNearClose: {
    label: 'Quiet days, closing soon',
    help: 'Days without two-way buyer contact for deals closing this quarter',
    unit: 'days',
    min: 1,
    max: 180,
  },
  quietDays: {
    label: 'Quiet days',
    help: 'Days without two-way buyer contact for any other deal',
    unit: 'days',
    min: 1,
    max: 365,
  },
  commitCoverage: {
    label: 'Coverage for commit',
    help: 'Knowledge coverage a commit deal needs',
    unit: 'share',
    min: 0,
    max: 1,
  },
  bestCaseCoverage: {
    label: 'Coverage for best case',
    help: 'Knowledge coverage a best-case deal needs',
    unit: 'share',
    min: 0,
    max: 1,
  },
  gapPoints: {
    label: 'Seller vs evidence on a deal',
    help: 'Points apart that flag a deal',
    unit: 'points',
    min: 1,
    max: 100,
  },
  minLevel: {
    label: 'Knowledge level counted as unknown',
    help: 'A proposal sent with the issues, criteria or value known at this level or lower (of 4)',
    unit: 'count',
    min: 0,
    max: 3,
  },
  biasPoints: {
    label: 'Seller’s usual gap',
    help: 'Average points apart over their recent deals',
    unit: 'points',
    min: 1,
    max: 100,
  },
};

/** Pairs where the second must not be below the first. */
const ORDERED: ReadonlyArray<[string, string]> = [
  ['minThreads', 'minThreadsLargeDeal'],
  ['pushes', 'manyPushes'],
  ['quietDaysNearClose', 'quietDays'],
  ['bestCaseCoverage', 'commitCoverage'],
];

/** Whether a threshold has its words here (every threshold of the catalog must). */
export const hasThresholdWords = (key: string) => key in THRESHOLDS;

export function thresholdMeta(key: string): ThresholdMeta {
  return (
    THRESHOLDS[key] ?? {
      label: key,
      help: '',
      unit: 'number',
      min: Number.NEGATIVE_INFINITY,
      max: Number.POSITIVE_INFINITY,
    }
  );
}

const UNIT_WORDS: Record<ThresholdMeta['unit'], string> = {
  share: '%',
  days: 'days',
  count: '',
  points: 'pts',
  fit: '',
  number: '',
};

export function unitWords(key: string): string {
  return UNIT_WORDS[thresholdMeta(key).unit];
}

/** A stored value as typed in the form: 0.4 -> "40" for shares. */
export function toInput(key: string, value: number): string {
  return thresholdMeta(key).unit === 'share' ? String(Math.round(value * 1000) / 10) : String(value);
}

/** "40 %", "14 days", "3", "−0.2" */
export function showThreshold(key: string, value: number): string {
  const unit = thresholdMeta(key).unit;
  if (unit === 'share') return `${Math.round(value * 100)} %`;
  if (unit === 'days') return `${value} days`;
  if (unit === 'points') return `${value} pts`;
  return String(value).replace('-', '−');
}

export type ThresholdRead =
  { ok: true; values: Record<string, number> } | { ok: false; errors: Record<string, string> };

/** The form's text back into stored values, or what is wrong with each field. */
export function readThresholds(inputs: Readonly<Record<string, string>>): ThresholdRead {
  const values: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const [key, text] of Object.entries(inputs)) {
    const meta = thresholdMeta(key);
    const cleaned = text.replace('−', '-').trim();
    const number = cleaned === '' ? Number.NaN : Number(cleaned);
    if (!Number.isFinite(number)) {
      errors[key] = 'Enter a number';
      continue;
    }
    const typedMin = meta.unit === 'share' ? meta.min * 100 : meta.min;
    const typedMax = meta.unit === 'share' ? meta.max * 100 : meta.max;
    if (number < typedMin || number > typedMax) {
      errors[key] = `From ${typedMin} to ${typedMax}${meta.unit === 'share' ? ' %' : ''}`;
      continue;
    }
    if ((meta.unit === 'count' || meta.unit === 'days') && !Number.isInteger(number)) {
      errors[key] = 'A whole number';
      continue;
    }
    values[key] = meta.unit === 'share' ? Math.round(number * 10) / 1000 : number;
  }
  for (const [low, high] of ORDERED) {
    if (values[low] !== undefined && values[high] !== undefined && values[high]! < values[low]! && !errors[high]) {
      errors[high] = `At least ${thresholdMeta(low).label.toLowerCase()} (${showThreshold(low, values[low]!)})`;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
