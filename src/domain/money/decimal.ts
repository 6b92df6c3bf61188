// Exchange rates are decimals as people write them ("1.0845"), kept exactly: as text in the
// database, as the shortest number that reads back as the same text in a RateBook. The arithmetic
// on them is exact too (integers as bigint), so 1.005 times 100 is 100.5 and never 100.4999....

/** What a rate may be: plenty for any pair of currencies (1 VND is about 0.000012 KWD). */
export const RATE_LIMITS = { decimals: 12, significantDigits: 15, integerDigits: 9 } as const;

/** A positive decimal as whole digits and a count of decimal places: 1.0845 is 10845 and 4. */
export type Decimal = { digits: bigint; scale: number };

const PLAIN = /^(\d+)(?:\.(\d+))?$/;
// what String(number) gives: 1.0845, 1e-7, 1.5e-7, 1e+21
const NUMBER_TEXT = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * A rate as typed, checked and written the one canonical way (no leading or trailing zeros:
 * "01.0800" is "1.08"), or what is wrong with it in words a person can act on.
 */
export function readRate(text: string): { rate: string } | { problem: string } {
  const match = PLAIN.exec(text.trim());
  if (!match) return { problem: 'Enter the rate as a positive decimal number such as 1.0845' };
  const integer = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (/^0*$/.test(integer + fraction)) return { problem: 'A rate must be more than 0' };
  if (fraction.length > RATE_LIMITS.decimals)
    return { problem: `Give the rate with at most ${RATE_LIMITS.decimals} decimal places` };
  if (integer.length > RATE_LIMITS.integerDigits) return { problem: 'That rate is larger than any exchange rate' };
  if ((integer + fraction).replace(/^0+/, '').length > RATE_LIMITS.significantDigits)
    return { problem: `Give the rate with at most ${RATE_LIMITS.significantDigits} significant digits` };
  return { rate: fraction ? `${integer}.${fraction}` : integer };
}

/** A rate sent as a JSON number, read as the decimal it is written as (1.0845, not its binary neighbour). */
export function readRateNumber(value: number): { rate: string } | { problem: string } {
  if (!Number.isFinite(value) || value <= 0) return { problem: 'A rate must be a number more than 0' };
  return readRate(plainText(decimalOfNumber(value)));
}

/** The exact decimal a positive finite number is written as in its shortest form. */
export function decimalOfNumber(value: number): Decimal {
  const match = NUMBER_TEXT.exec(String(value));
  if (!match || !(value > 0)) throw new RangeError(`Not a positive finite number: ${value}`);
  const fraction = match[2] ?? '';
  const exponent = Number(match[3] ?? 0);
  const digits = BigInt(match[1]! + fraction);
  const scale = fraction.length - exponent;
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

function plainText({ digits, scale }: Decimal): string {
  const text = digits.toString().padStart(scale + 1, '0');
  return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
}

/**
 * amount x rate x 10^shift, rounded to a whole number half away from zero, exactly.
 * `shift` moves between currencies' minor units (from cents to fils: +1).
 */
export function multiplyRounded(amount: number, rate: Decimal, shift: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`An amount in minor units must be a whole number: ${amount}`);
  const numerator = BigInt(amount) * rate.digits * 10n ** BigInt(Math.max(0, shift));
  const denominator = 10n ** BigInt(rate.scale + Math.max(0, -shift));
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const magnitude = remainder < 0n ? -remainder : remainder;
  const away = 2n * magnitude >= denominator ? (numerator < 0n ? -1n : 1n) : 0n;
  return Number(quotient + away);
}
