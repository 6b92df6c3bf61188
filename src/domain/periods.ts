// Reporting periods as sales teams name them: a quarter ("2026-Q4"), a month ("2026-12") or a
// year ("2026"), each the calendar days it covers. The review and the forecast read deals whose
// expected close date falls inside one.

export type Period = {
  /** as written: "2026-Q4", "2026-12", "2026" */
  key: string;
  kind: 'quarter' | 'month' | 'year';
  /** first and last day, YYYY-MM-DD */
  from: string;
  to: string;
  /** "Q4 2026", "December 2026", "2026" */
  label: string;
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period a key names, or null when it names none (what a bad query parameter is). */
export function parsePeriod(key: string): Period | null {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const year = Number(quarter[1]);
    const q = Number(quarter[2]);
    const first = (q - 1) * 3 + 1;
    return {
      key,
      kind: 'quarter',
      from: `${year}-${pad(first)}-01`,
      to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`,
      label: `Q${q} ${year}`,
    };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12) return null;
    return {
      key,
      kind: 'month',
      from: `${year}-${pad(m)}-01`,
      to: `${year}-${pad(m)}-${pad(lastDay(year, m))}`,
      label: `${MONTHS[m - 1]} ${year}`,
    };
  }
  const year = /^(\d{4})$/.exec(key);
  if (year) return { key, kind: 'year', from: `${key}-01-01`, to: `${key}-12-31`, label: key };
  return null;
}

/** The quarter a day falls in. */
export function quarterOf(date: string): Period {
  const year = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  return parsePeriod(`${year}-Q${q}`)!;
}

/** The month or quarter a day falls in. */
export function periodOf(date: string, kind: 'month' | 'quarter'): Period {
  return kind === 'quarter' ? quarterOf(date) : parsePeriod(date.slice(0, 7))!;
}

/** The period of the same kind just after `period`. */
export function nextPeriod(period: Period): Period {
  const year = Number(period.to.slice(0, 4));
  const month = Number(period.to.slice(5, 7));
  const after = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return period.kind === 'year' ? parsePeriod(String(year + 1))! : periodOf(after, period.kind);
}

/** The key of the period of the same kind just before `period`. */
export function previousPeriod(period: Period): Period {
  const year = Number(period.from.slice(0, 4));
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case 'year':
      return parsePeriod(String(year - 1))!;
    case 'month':
      return parsePeriod(month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`)!;
    case 'quarter': {
      const q = Math.floor((month - 1) / 3) + 1;
      return parsePeriod(q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`)!;
    }
  }
}
