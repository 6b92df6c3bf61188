import { addDays } from '../../domain/dates.ts';
import { readRate } from '../../domain/money/decimal.ts';
import { createRandom } from '../../domain/random.ts';
import type { DemoWorkspace } from './demo.data.ts';

// The demo reports in US dollars and keeps a rate for each other currency its deals use, set on
// the first of every month from the month of its oldest record to today's: every amount converts
// on any day the demo has a record of, and on every day after. The rates wander month to month
// around where the euro and the pound have stood against the dollar in recent years.

export const DEMO_REPORTING_CURRENCY = 'USD';

export type DemoRate = { currency: string; validFrom: string; rate: string };

/** Where each currency's rate wanders: its usual level, how far a month moves it, and its bounds. */
const PROFILES: Record<string, { level: number; step: number; low: number; high: number }> = {
  EUR: { level: 1.09, step: 0.018, low: 1.02, high: 1.17 },
  GBP: { level: 1.28, step: 0.022, low: 1.19, high: 1.37 },
};

export function demoExchangeRates(ws: DemoWorkspace, today: string, seed: number): DemoRate[] {
  // a source of its own, so the rates never shift the rest of the demo
  const random = createRandom(seed ^ 0xf0e1);
  const currencies = [...new Set(ws.opportunities.map((o) => o.currency))]
    .filter((c) => c !== DEMO_REPORTING_CURRENCY)
    .sort();
  const oldest = [...ws.accounts, ...ws.contacts, ...ws.opportunities].reduce(
    (min, r) => (r.createdAt < min ? r.createdAt : min),
    today,
  );
  const months: string[] = [];
  for (let month = `${oldest.slice(0, 7)}-01`; month <= today; month = firstOfNextMonth(month)) months.push(month);
  return currencies.flatMap((currency) => {
    const profile = PROFILES[currency];
    if (!profile) throw new Error(`The demo has deals in ${currency} but no exchange rates for it (demo.rates.ts)`);
    let level = profile.level + profile.step * (random.next() * 2 - 1);
    return months.map((validFrom) => {
      level += 0.25 * (profile.level - level) + profile.step * (random.next() * 2 - 1);
      level = Math.min(profile.high, Math.max(profile.low, level));
      const read = readRate(level.toFixed(4));
      if ('problem' in read) throw new Error(`demo rate ${level}: ${read.problem}`);
      return { currency, validFrom, rate: read.rate };
    });
  });
}

function firstOfNextMonth(firstOfMonth: string): string {
  return `${addDays(firstOfMonth, 32).slice(0, 7)}-01`;
}
