import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { RECORDABLE_EVIDENCE_SOURCES } from '../knowledge/evidence.ts';
import { knowledgeGaps } from '../knowledge/gaps.ts';
import { DEFAULT_OBJECTIVES } from '../knowledge/objectives.ts';
import { KNOWLEDGE_SCHEMA, US, type FieldDef } from '../knowledge/schema.ts';
import { snapshotAsOf, type Evidence, type KnowledgeFact, type KnowledgeItem } from '../knowledge/snapshot.ts';
import { createRandom, type Random } from '../random.ts';
import { DANGER_ZONE_RULES } from './catalog.ts';
import { assess, type AssessmentContext, type EngineSetup } from './engine.ts';
import { priorModel } from './model.ts';

// The engine's output pinned byte for byte. Each digest is the SHA-256 of the JSON of a full
// assessment (recommendations by what-if included) and of the knowledge gaps, recorded from the
// engine before it was made fast (engine.identity.digests.json). Any speed-up must leave every one
// unchanged; a change meant to alter results records the file again (below), and the diff shows
// which deals moved.
// The deals are random but seeded and drawn from the knowledge schema itself, so every kind of item
// and field appears, with history, "unknown"s, retired facts and items, ties and re-verifications.

const DEALS = 120;
const DATES = ['2026-09-15', '2026-11-26', '2027-02-10'] as const;
const START = '2026-06-01';

const DIGESTS = JSON.parse(readFileSync(new URL('./engine.identity.digests.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

type Deal = { items: KnowledgeItem[]; facts: KnowledgeFact[]; ctx: Omit<AssessmentContext, 'asOf'> };

const day = (random: Random, from: string, span: number) => addDays(from, random.int(0, span));
// now and then exactly the last instant of a day the deals are assessed on: recorded or retired then counts as known that day
const instant = (random: Random, on: string) =>
  random.chance(0.04)
    ? `${random.pick(DATES)}T23:59:59.999Z`
    : `${on}T${String(random.int(8, 18)).padStart(2, '0')}:${random.pick(['00', '30'])}:00.000Z`;

function evidenceOf(random: Random, contacts: readonly string[], on: string): Evidence {
  return {
    text: random.chance(0.9) ? `said on ${on}` : null,
    // the sources people record (the digests predate "imported", which only an import writes)
    source: random.pick(RECORDABLE_EVIDENCE_SOURCES),
    contactId: random.chance(0.6) ? random.pick(contacts) : null,
    observedAt: on,
    recordedBy: 'user-1',
    ...(random.chance(0.03) ? { hypothetical: true } : {}),
  };
}

function valueOf(random: Random, def: FieldDef, refs: { evaluators: string[]; alternatives: string[] }): unknown {
  switch (def.kind) {
    case 'enum':
      return random.pick(def.options!);
    case 'enumList':
      return [...new Set([random.pick(def.options!), random.pick(def.options!)])];
    case 'boolean':
      return random.chance(0.5);
    case 'date':
      return day(random, START, 400);
    case 'percentage':
      return random.pick([0, 10, 25, 50, 80]);
    case 'threat':
      return random.int(1, 4);
    case 'money':
      return { amountMinor: random.int(1, 80) * 1_000_000, currency: random.pick(['USD', 'EUR']) };
    case 'costOfDelay':
      return { amountMinor: random.int(1, 20) * 100_000, currency: 'USD', per: random.pick(['month', 'quarter']) };
    case 'impact':
      return {
        amountMinor: random.int(1, 120) * 1_000_000,
        currency: random.pick(['USD', 'USD', 'EUR']),
        period: random.pick(['year', 'quarter', 'one_time']),
      };
    case 'metric':
      return { name: 'Days to close', baseline: random.int(5, 20), target: random.int(1, 5), unit: 'days' };
    case 'evaluator':
      return refs.evaluators.length > 0 ? random.pick(refs.evaluators) : 'nobody';
    case 'evaluators':
      return refs.evaluators.length > 0 ? [random.pick(refs.evaluators)] : ['nobody'];
    case 'alternative':
      return random.pick([US, US, ...refs.alternatives]);
    case 'text':
      return random.pick(['Board review in March', 'Legal review', 'They want it live by summer']);
  }
}

function generateDeal(random: Random, n: number): Deal {
  const contacts = Array.from({ length: 6 }, (_, i) => `contact-${n}-${i}`);
  const items: KnowledgeItem[] = [];
  const facts: KnowledgeFact[] = [];
  let counter = 0;
  const refs = { evaluators: [] as string[], alternatives: [] as string[] };
  // evaluators and alternatives first, so other items can refer to them
  const kinds = [...KNOWLEDGE_SCHEMA].sort(
    (a, b) =>
      Number(b.kind === 'evaluator' || b.kind === 'alternative') -
      Number(a.kind === 'evaluator' || a.kind === 'alternative'),
  );
  const richness = random.pick([0.1, 0.4, 0.7, 0.95]);
  for (const kind of kinds) {
    const count = kind.singleton ? (random.chance(richness) ? 1 : 0) : random.int(0, Math.round(5 * richness));
    for (let c = 0; c < count; c++) {
      const on = day(random, START, 300);
      const id = `${kind.kind}-${n}-${++counter}`;
      items.push({
        id,
        kind: kind.kind,
        title: kind.identity.title ? `${kind.label} ${c}` : null,
        contactId: kind.identity.contact ? random.pick(contacts) : null,
        category: kind.identity.category ? random.pick(kind.identity.category.options) : null,
        evidence: evidenceOf(random, contacts, on),
        createdAt: instant(random, on),
        retiredAt: random.chance(0.06) ? instant(random, day(random, on, 120)) : null,
      });
      if (kind.kind === 'evaluator') refs.evaluators.push(id);
      if (kind.kind === 'alternative') refs.alternatives.push(id);
      for (const def of kind.fields) {
        if (!random.chance(richness)) continue;
        const qualifiers = def.perAlternative ? [US, ...refs.alternatives.filter(() => random.chance(0.7))] : [null];
        for (const qualifier of qualifiers) {
          // a field's history: later facts replace earlier ones; some tie on the instant
          const versions = random.weighted([
            [1, 6],
            [2, 3],
            [3, 1],
          ] as const);
          let at = day(random, on, 60);
          for (let v = 0; v < versions; v++) {
            const isUnknown = random.chance(0.12);
            const recordedAt = random.chance(0.1) && v > 0 ? facts.at(-1)!.recordedAt : instant(random, at);
            facts.push({
              id: `fact-${n}-${String(++counter).padStart(4, '0')}`,
              itemId: id,
              field: def.key,
              qualifier,
              isUnknown,
              value: isUnknown ? null : valueOf(random, def, refs),
              evidence: evidenceOf(random, contacts, at),
              lastVerifiedAt: random.chance(0.15) ? day(random, at, 90) : null,
              recordedAt,
              retiredAt: random.chance(0.05) ? instant(random, day(random, at, 90)) : null,
            });
            at = day(random, at, 45);
          }
        }
      }
    }
  }
  const createdOn = day(random, START, 120);
  return {
    items: random.chance(0.5) ? items : [...items].reverse(),
    facts: random.chance(0.5) ? facts : [...facts].reverse(),
    ctx: {
      createdOn,
      amountMinor: random.int(1, 60) * 1_000_000,
      currency: random.pick(['USD', 'USD', 'EUR']),
      expectedCloseDate: day(random, '2026-10-01', 240),
      forecastCategory: random.pick(['pipeline', 'best_case', 'commit', 'omitted'] as const),
      dealType: random.pick(['new_logo', 'upsell', 'renewal'] as const),
      relationship: random.pick(['new', 'current', 'past'] as const),
      source: random.pick([null, 'inbound', 'outbound', 'partner']),
      segment: random.pick([null, '250-999']),
      // pushes a month apart, the first a month after creation (no random draw: the sequence stays)
      closeDatePushes: Array.from({ length: random.int(0, 4) }, (_, i) => ({
        on: addDays(createdOn, 30 * (i + 1)),
        from: addDays(createdOn, 60 + 30 * i),
        to: addDays(createdOn, 90 + 30 * i),
      })),
      largeDealMinor: 30_000_000,
      expectedCycleDays: random.pick([60, 90, 120]),
      stageProbability: random.pick([10, 40, 70]),
      sellerProbability: random.chance(0.7) ? random.int(5, 95) : null,
      sellerBias: random.chance(0.3) ? random.int(-20, 20) : null,
    },
  };
}

const random = createRandom(20261203);
const deals = Array.from({ length: DEALS }, (_, n) => generateDeal(random, n));
const setup: EngineSetup = { model: priorModel(0.45), objectives: DEFAULT_OBJECTIVES, rules: DANGER_ZONE_RULES };
const cases = deals.flatMap((deal, n) => DATES.map((asOf) => ({ key: `deal ${n} on ${asOf}`, deal, asOf })));

function digestOf(deal: Deal, asOf: string): string {
  const snapshot = snapshotAsOf(deal.items, deal.facts, asOf);
  const assessment = assess(snapshot, { ...deal.ctx, asOf }, setup);
  const gaps = knowledgeGaps(snapshot, DEFAULT_OBJECTIVES);
  return createHash('sha256').update(JSON.stringify({ assessment, gaps })).digest('hex').slice(0, 16);
}

describe('the engine gives the same output, byte for byte, as before it was made fast', () => {
  it('covers every deal at every date, and the deals vary', () => {
    expect(Object.keys(DIGESTS).sort()).toEqual(cases.map((c) => c.key).sort());
    expect(new Set(Object.values(DIGESTS)).size).toBeGreaterThan(cases.length * 0.9);
  });

  // One file, compared whole: a failure's diff lists exactly the deals whose output moved. A change
  // meant to alter results records the new digests with `npx vitest run engine.identity -u`, in the
  // same commit, which says why they moved.
  it('gives every deal on every date the recorded digest', async () => {
    const digests = Object.fromEntries(cases.map(({ key, deal, asOf }) => [key, digestOf(deal, asOf)]));
    await expect(`${JSON.stringify(digests, null, 2)}\n`).toMatchFileSnapshot('./engine.identity.digests.json');
  });
});
