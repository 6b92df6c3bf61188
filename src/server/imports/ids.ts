import { createHash } from 'node:crypto';

/**
 * A stable id made from what a record says, shaped like a UUID: the same evaluator, fact or stage
 * change imported again (from the same file or another one) gets the same id and is not added twice.
 */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
