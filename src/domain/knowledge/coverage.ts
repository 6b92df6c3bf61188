import type { COVERAGE_LEVELS } from './schema.ts';
import type { Evidence, KnowledgeSnapshot } from './snapshot.ts';

// How well we cover a person, as every view and rule reads it: what the seller recorded, unless the
// person has since told us something themselves. A "not contacted" recorded before the economic
// buyer confirmed the priority to us in person is out of date, not a fact to flag or to show.

export type Coverage = (typeof COVERAGE_LEVELS)[number];

/** Evidence a person gives in person: what they said, wrote or did themselves. */
const FIRST_HAND: ReadonlySet<string> = new Set(['buyer_stated', 'buyer_written', 'buyer_action']);

/** The day each contact last told us something first-hand, from every live item and fact. */
function lastFirstHandByContact(s: KnowledgeSnapshot): ReadonlyMap<string, string> {
  const latest = new Map<string, string>();
  const note = (e: Evidence) => {
    if (e.contactId === null || e.hypothetical || !FIRST_HAND.has(e.source)) return;
    const before = latest.get(e.contactId);
    if (before === undefined || e.observedAt > before) latest.set(e.contactId, e.observedAt);
  };
  for (const f of s.facts) if (!f.isUnknown) note(f.evidence);
  for (const i of s.items) note(i.evidence);
  return latest;
}

/**
 * Our coverage of an evaluator: as recorded, raised to "brief" when the person told us something
 * first-hand after "not contacted" was recorded (or when nothing was recorded); undefined when
 * nothing says.
 */
export function coverageOf(s: KnowledgeSnapshot, evaluatorId: string): Coverage | undefined {
  const recorded = s.fact(evaluatorId, 'coverage');
  const value = recorded && !recorded.isUnknown ? (recorded.value as Coverage) : undefined;
  if (value !== undefined && value !== 'none') return value;
  const contactId = s.item(evaluatorId)?.contactId;
  const spoke = contactId ? s.derived(lastFirstHandByContact, lastFirstHandByContact).get(contactId) : undefined;
  if (spoke !== undefined && (recorded === undefined || spoke > recorded.evidence.observedAt)) return 'brief';
  return value;
}
