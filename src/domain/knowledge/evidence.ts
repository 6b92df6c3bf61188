import { dayNumber } from '../dates.ts';

/**
 * Evidence behind every fact: what the customer said or did, how we came to know it, and when.
 * Its strength decides how much a fact counts; its age makes it fade.
 */
export const EVIDENCE_SOURCES = [
  'buyer_action',
  'buyer_written',
  'buyer_stated',
  'buyer_secondhand',
  'third_party',
  'seller_inference',
  'imported',
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/**
 * The sources a person records: "imported" is what came in a column of another CRM's export
 * (issue 14), written by an import only, and never counted as the buyer's word.
 */
export const RECORDABLE_EVIDENCE_SOURCES = EVIDENCE_SOURCES.filter(
  (s): s is Exclude<EvidenceSource, 'imported'> => s !== 'imported',
);

export const EVIDENCE_SOURCE_LABELS: Record<EvidenceSource, string> = {
  buyer_action: 'Buyer action',
  buyer_written: 'Buyer in writing',
  buyer_stated: 'Buyer said it',
  buyer_secondhand: 'Another buyer reported it',
  third_party: 'Third party',
  seller_inference: 'Our inference',
  imported: 'Imported from another CRM',
};

/** How much a source can be trusted, before ageing. */
export const SOURCE_STRENGTH: Record<EvidenceSource, number> = {
  buyer_action: 1,
  buyer_written: 0.9,
  buyer_stated: 0.75,
  buyer_secondhand: 0.5,
  third_party: 0.5,
  seller_inference: 0.25,
  imported: 0.25,
};

/**
 * What a source proves: an assumption (ours, or reported by someone else), a statement by the
 * buyer, or something validated by what the buyer wrote or did.
 */
export type EvidenceGrade = 'assumed' | 'stated' | 'validated';

export function gradeOf(source: EvidenceSource): EvidenceGrade {
  switch (source) {
    case 'buyer_action':
    case 'buyer_written':
      return 'validated';
    case 'buyer_stated':
      return 'stated';
    case 'buyer_secondhand':
    case 'third_party':
    case 'seller_inference':
    case 'imported':
      return 'assumed';
  }
}

export const GRADE_RANK: Record<EvidenceGrade, number> = { assumed: 1, stated: 2, validated: 3 };

/** Facts that change quickly (stance, dates, next steps) fade in a month; structure in a quarter. */
export const HALF_LIFE_DAYS = { volatile: 30, stable: 90 } as const;

export function ageInDays(observedOrVerified: string, asOf: string): number {
  return Math.max(0, dayNumber(asOf) - dayNumber(observedOrVerified));
}

/** Source strength halved every half-life since the fact was observed or last re-confirmed. */
export function evidenceStrength(source: EvidenceSource, ageDays: number, halfLifeDays: number): number {
  return SOURCE_STRENGTH[source] * 0.5 ** (ageDays / halfLifeDays);
}

/** Fresh while younger than one half-life. */
export function isFresh(ageDays: number, halfLifeDays: number): boolean {
  return ageDays <= halfLifeDays;
}
