import { toMajorUnits } from '../currency.ts';
import { fieldDef, US, type FieldDef, type ItemKind } from './schema.ts';

export type NameLookup = {
  evaluator(id: string): string;
  alternative(id: string): string;
};

/** "identified_not_approved" -> "Identified not approved" */
export function humanize(token: string): string {
  const words = token.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function money(v: { amountMinor: number; currency: string }): string {
  const major = toMajorUnits(v.amountMinor, v.currency);
  return `${v.currency} ${major.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

/** A fact's value in words, with references turned into names. */
export function describeValue(def: FieldDef, value: unknown, names: NameLookup): string {
  switch (def.kind) {
    case 'enum':
      return humanize(String(value));
    case 'enumList':
      return (value as string[]).map(humanize).join(', ');
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'money':
      return money(value as { amountMinor: number; currency: string });
    case 'costOfDelay': {
      const v = value as { amountMinor: number; currency: string; per: string };
      return `${money(v)} per ${v.per}`;
    }
    case 'impact': {
      const v = value as { amountMinor: number; currency: string; period: string };
      return `${money(v)} ${v.period === 'one_time' ? 'one-time' : `per ${v.period}`}`;
    }
    case 'metric': {
      const v = value as { name: string; baseline: number; target: number; unit: string };
      return `${v.name}: ${v.baseline} → ${v.target}${v.unit ? ` ${v.unit}` : ''}`;
    }
    case 'threat':
      return `${String(value)} of 4`;
    case 'percentage':
      return `${String(value)}`;
    case 'evaluator':
      return names.evaluator(String(value));
    case 'evaluators':
      return (value as string[]).map((id) => names.evaluator(id)).join(', ');
    case 'alternative':
      return String(value) === US ? 'Us' : names.alternative(String(value));
    case 'text':
    case 'date':
      return String(value);
  }
}

export function describeFact(
  kind: ItemKind,
  field: string,
  value: unknown,
  isUnknown: boolean,
  names: NameLookup,
): string {
  const def = fieldDef(kind, field);
  if (isUnknown) return 'Unknown';
  return def ? describeValue(def, value, names) : JSON.stringify(value);
}
