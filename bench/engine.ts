import { readFileSync } from 'node:fs';
import { DANGER_ZONE_RULES } from '../src/domain/assessment/catalog.ts';
import { logOddsOf, quickProbability } from '../src/domain/assessment/assess.ts';
import { trainWithCurve } from '../src/domain/assessment/curve.ts';
import type { TrainingExample } from '../src/domain/assessment/training.ts';
import { assess, type AssessmentContext } from '../src/domain/assessment/engine.ts';
import { compileRules } from '../src/domain/assessment/rules.ts';
import { priorModel } from '../src/domain/assessment/model.ts';
import { binTokens } from '../src/domain/learning/binned.ts';
import {
  chooseAndFitBlend,
  evaluateTable,
  innerSplit,
  type EvaluationResult,
} from '../src/domain/learning/evaluate.ts';
import { inferColumn, tokenize } from '../src/domain/learning/features.ts';
import { createRandom } from '../src/domain/random.ts';
import { parseTable } from '../src/domain/learning/table.ts';
import { DEFAULT_OBJECTIVES } from '../src/domain/knowledge/objectives.ts';
import { snapshotAsOf } from '../src/domain/knowledge/snapshot.ts';
import { generateDemoWorkspace } from '../src/server/demo/demo.data.ts';
import { generateDemoKnowledge } from '../src/server/demo/demo.knowledge.ts';

// The win-probability engine measured: the learner against naive Bayes on the shared public
// datasets (cross-validated, and a time split), one fit on 78,000 rows, and 100,000 assessments
// on one core. Run with `npm run bench` (all benchmarks) or `node --import tsx bench/engine.ts`.

const DATASETS = '../shared/datasets';
// IBM columns measured through closing (they would not exist for an open deal) are left out
const IBM_AFTER_CLOSING = [
  'Opportunity Number',
  'Elapsed Days In Sales Stage',
  'Sales Stage Change Count',
  'Total Days Identified Through Closing',
  'Total Days Identified Through Qualified',
  'Ratio Days Identified To Total Days',
  'Ratio Days Validated To Total Days',
  'Ratio Days Qualified To Total Days',
];

export type EngineFigures = {
  evaluations: Array<{
    name: string;
    command: string;
    seconds: number;
    result: Pick<EvaluationResult, 'rows' | 'design' | 'model' | 'baselines'>;
  }>;
  /** our learner on every IBM row: its rounds, pairs, trees and blend weight chosen on held-back fifths, then refitted */
  fit78k: {
    rows: number;
    features: number;
    pairs: number;
    trees: number;
    blendWeight: number;
    ridgeShare: number;
    seconds: number;
  };
  /** the product's refit on synthetic closed histories of several sizes (measureProductRefit) */
  refits: Array<{ deals: number; seconds: number; rounds: number; pairs: number; auc: number; brier: number }>;
  assess100k: {
    opportunities: number;
    seconds: number;
    cpuSeconds: number;
    microsPerOpportunity: number;
    heapUsedMb: number;
  };
  reassess100kFromSignals: { opportunities: number; seconds: number };
  /** peak resident memory of this process (both datasets parsed, the demo workspace, all of the above), MB */
  peakRssMb: number;
};

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Wall time, and this process's CPU time (user + system), which other jobs on a shared machine disturb less. */
function timed<T>(work: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

export function runEngineBenchmarks(log: (line: string) => void = console.log): EngineFigures {
  const ibmPath = `${DATASETS}/ibm-sales-win-loss/WA_Fn-UseC_-Sales-Win-Loss.csv`;
  const itPath = `${DATASETS}/it-consulting-win-prediction/Win_Prediction_Data.csv`;
  const ibm = parseTable(readFileSync(ibmPath, 'utf8'));
  const it = parseTable(readFileSync(itPath, 'utf8'));
  const runs = [
    {
      name: 'IBM sales win/loss, 10-fold',
      command: `npx winsight eval --data ${ibmPath} --outcome "Opportunity Result" --positive Won --drop "${IBM_AFTER_CLOSING.join(',')}"`,
      table: ibm,
      options: { outcome: 'Opportunity Result', positive: 'Won', drop: IBM_AFTER_CLOSING, folds: 10 },
    },
    {
      name: 'IT consulting, 10-fold',
      command: `npx winsight eval --data ${itPath} --outcome "Deal Status Code" --positive Won`,
      table: it,
      options: { outcome: 'Deal Status Code', positive: 'Won', folds: 10 },
    },
    {
      name: 'IT consulting, train to 2017, test 2018',
      command: `npx winsight eval --data ${itPath} --outcome "Deal Status Code" --positive Won --time-split "Deal Date:2017-12-31:2018-12-31"`,
      table: it,
      options: {
        outcome: 'Deal Status Code',
        positive: 'Won',
        timeSplit: { column: 'Deal Date', trainUntil: '2017-12-31', testUntil: '2018-12-31' },
      },
    },
  ];
  const evaluations: EngineFigures['evaluations'] = [];
  for (const run of runs) {
    const { value, seconds } = timed(() => evaluateTable(run.table, run.options));
    evaluations.push({
      name: run.name,
      command: run.command,
      seconds,
      result: { rows: value.rows, design: value.design, model: value.model, baselines: value.baselines },
    });
    const m = (name: string, x: { auc: number; brier: number }) =>
      `${name} ${x.auc.toFixed(3)} / ${x.brier.toFixed(4)}`;
    log(
      `${run.name} (AUC / Brier): ${m('ours', value.model)}, ECE ${value.model.ece.toFixed(3)} (chance alone ${value.perfectEce.toFixed(3)}) | ${m('logistic', value.baselines.logistic)} | ${m('boosted trees', value.baselines.boostedTrees)} | ${m('naive Bayes', value.baselines.naiveBayes)} | ${seconds.toFixed(1)} s`,
    );
  }

  const fit = measureIbmFit(ibm, log);
  const refits = measureProductRefit(log);

  const bulk = measureBulkAssessment(log);
  log(
    `peak memory of the engine runs: ${peakRssMb().toFixed(0)} MB resident (both datasets parsed, the demo workspace, the 100,000 assessments)`,
  );
  return {
    evaluations,
    fit78k: { rows: ibm.rows.length, ...fit.value, seconds: fit.seconds },
    refits,
    ...bulk,
    peakRssMb: peakRssMb(),
  };
}

type DemoDeals = ReturnType<typeof demoDeals>;

/** The demo's deals with their knowledge, and how the engine sees each of them (context, prior model). */
function demoDeals() {
  const ws = generateDemoWorkspace('2026-11-26');
  const knowledge = generateDemoKnowledge(ws, '2026-11-26', 20261126);
  const records = new Map(
    ws.opportunities.map((o) => [o.id, { items: [] as typeof knowledge.items, facts: [] as typeof knowledge.facts }]),
  );
  for (const i of knowledge.items) records.get(i.opportunityId)!.items.push(i);
  for (const f of knowledge.facts) records.get(f.opportunityId)!.facts.push(f);
  const setup = { model: priorModel(), objectives: DEFAULT_OBJECTIVES, rules: DANGER_ZONE_RULES };
  const contexts = ws.opportunities.map((o): AssessmentContext => ({
    asOf: '2026-11-26',
    createdOn: o.createdAt.slice(0, 10),
    amountMinor: o.amountMinor,
    currency: o.currency,
    expectedCloseDate: o.expectedCloseDate,
    forecastCategory: o.forecastCategory,
    dealType: o.dealType,
    relationship: 'current',
    source: o.source,
    segment: null,
    closeDatePushes: [],
    largeDealMinor: 10_000_000,
    expectedCycleDays: 90,
    stageProbability: 40,
    sellerProbability: o.sellerProbability,
    sellerBias: null,
  }));
  return { ws, records, contexts, setup };
}

/** Each demo deal assessed once, as stored: its signals, coverage and facts. */
function storedSignals({ ws, records, contexts, setup }: DemoDeals) {
  return ws.opportunities.map((o, k) => {
    const record = records.get(o.id)!;
    const full = assess(snapshotAsOf(record.items, record.facts, '2026-11-26'), contexts[k]!, setup, {
      recommend: false,
    });
    return {
      signals: JSON.parse(JSON.stringify(full.signals)) as typeof full.signals,
      kci: full.coverageIndex,
      deal: contexts[k]!,
    };
  });
}

/**
 * The product's refit (trainWithCurve: the shrinkage and boosting chosen on the latest deals, five
 * folds for the card, the learning curve) on `size` closed deals: the demo's deals' signals cycled,
 * each closing on its own day, won as the expert priors say plus a pair they miss (a competitor that
 * key evaluators favour costs more than both alone). Runs alone with `BENCH_ENGINE_ONLY=refit`.
 */
export function measureProductRefit(
  log: (line: string) => void = console.log,
  sizes: readonly number[] = [1_000, 5_000, 20_000],
): Array<{ deals: number; seconds: number; rounds: number; pairs: number; auc: number; brier: number }> {
  const deals = demoDeals();
  const stored = storedSignals(deals);
  const prior = deals.setup.model;
  const random = createRandom(11);
  return sizes.map((size) => {
    const examples: TrainingExample[] = Array.from({ length: size }, (_, n) => {
      const s = stored[n % stored.length]!;
      const together =
        s.signals.competitorPresent === true && Number(s.signals.highInfluenceFavouringOther) > 0 ? -1.5 : 0;
      const won = random.chance(1 / (1 + Math.exp(-(logOddsOf(s.signals, s.deal, prior) + together))));
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor((n * 2000) / size) * 86_400_000);
      return {
        signals: s.signals,
        kci: s.kci,
        deal: s.deal,
        won,
        stageProbability: 40,
        sellerProbability: null,
        closedOn: day.toISOString().slice(0, 10),
      };
    });
    const fit = timed(() => trainWithCurve(examples, prior, { trainedAt: '2026-11-26', version: 'bench', folds: 5 }));
    const card = fit.value.card!;
    const figures = {
      deals: size,
      seconds: fit.seconds,
      rounds: card.boosting?.rounds ?? 0,
      pairs: fit.value.pairs?.length ?? 0,
      auc: card.crossValidated?.auc ?? Number.NaN,
      brier: card.crossValidated?.brier ?? Number.NaN,
    };
    log(
      `product refit on ${size} closed deals (shrinkage and boosting chosen, 5-fold card, learning curve): ${fit.seconds.toFixed(1)} s; boosting kept ${figures.rounds} rounds and ${figures.pairs} pairs (${(fit.value.pairs ?? []).map((p) => `${p.a}+${p.b}`).join(', ') || 'none'}); cross-validated AUC ${figures.auc.toFixed(3)}, Brier ${figures.brier.toFixed(3)}`,
    );
    return figures;
  });
}

/**
 * 100,000 assessments from raw knowledge (the demo's deals cycled, each replayed from its facts
 * every time), then the same deals re-assessed from stored signals. Runs alone with
 * `BENCH_ENGINE_ONLY=assess node --import tsx bench/engine.ts`, which is the command to profile
 * (add `--cpu-prof`).
 */
export function measureBulkAssessment(
  log: (line: string) => void = console.log,
): Pick<EngineFigures, 'assess100k' | 'reassess100kFromSignals'> {
  const deals = demoDeals();
  const { ws, records, contexts, setup } = deals;
  const total = 100_000;
  const assessed = timed(() => {
    for (let n = 0; n < total; n++) {
      const k = n % ws.opportunities.length;
      const record = records.get(ws.opportunities[k]!.id)!;
      assess(snapshotAsOf(record.items, record.facts, '2026-11-26'), contexts[k]!, setup, { recommend: false });
    }
  });
  const micros = (assessed.seconds * 1e6) / total;
  const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
  log(
    `assessed ${total} opportunities from their knowledge (replay, 9 objectives, signals, 27 rules, probability with reasons; no recommendations): ${assessed.seconds.toFixed(1)} s, ${micros.toFixed(0)} µs each (CPU ${assessed.cpuSeconds.toFixed(1)} s, ${((assessed.cpuSeconds * 1e6) / total).toFixed(0)} µs each; aim < 5 s); heap in use after: ${heapUsedMb.toFixed(0)} MB`,
  );

  // what a refit or a rule change does: every deal re-assessed from the signals stored with it
  const stored = storedSignals(deals);
  const reassessed = timed(() => {
    const zonesOf = compileRules(DANGER_ZONE_RULES);
    for (let n = 0; n < total; n++) {
      const s = stored[n % stored.length]!;
      quickProbability(s.signals, s.kci, s.deal, setup.model);
      zonesOf(s.signals);
    }
  });
  log(
    `re-assessed ${total} opportunities from stored signals (probability, band, cap, 27 rules; after a refit or a rule change): ${reassessed.seconds.toFixed(2)} s, ${((reassessed.seconds * 1e6) / total).toFixed(1)} µs each (aim < 2 s)`,
  );
  return {
    assess100k: {
      opportunities: total,
      seconds: assessed.seconds,
      cpuSeconds: assessed.cpuSeconds,
      microsPerOpportunity: micros,
      heapUsedMb,
    },
    reassess100kFromSignals: { opportunities: total, seconds: reassessed.seconds },
  };
}

export type LatencyFigures = { requests: number; p50: number; p95: number; p99: number };

function percentiles(ms: number[]): Omit<LatencyFigures, 'requests'> {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/**
 * One opportunity at a time, as a seller works: the assessment route (probability, reasons with
 * evidence, 27 rules, recommendations by what-if) and a knowledge write (which re-assesses within
 * the same request), in-process on SQLite with the demo workspace.
 */
export async function measureAssessmentLatency(
  log: (line: string) => void = console.log,
): Promise<{ assessment: LatencyFigures; knowledgeWrite: LatencyFigures }> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createDb } = await import('../src/db/database.ts');
  const { migrateToLatest } = await import('../src/db/migrate.ts');
  const { createApp } = await import('../src/server/app.ts');
  const { DEFAULT_CONFIG, createAppDeps } = await import('../src/server/deps.ts');
  const { seedDemoWorkspace } = await import('../src/server/demo/demo.service.ts');
  const dir = mkdtempSync(join(tmpdir(), 'winsight-bench-assess-'));
  const handle = createDb(join(dir, 'bench.sqlite'));
  try {
    await migrateToLatest(handle);
    const deps = createAppDeps({
      db: handle.db,
      dialect: handle.dialect,
      now: () => new Date(),
      config: { ...DEFAULT_CONFIG, rateLimitPerMinute: 0, passwordCost: 1024 },
    });
    await seedDemoWorkspace(deps);
    const app = await createApp(deps);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'manager1@demo.example.com', password: 'winsight-demo' },
    });
    const headers = {
      cookie: `winsight_session=${login.cookies.find((c) => c.name === 'winsight_session')!.value}`,
      'x-csrf-token': login.json().csrfToken,
    };
    const open = (await app.inject({ url: '/api/opportunities?status=open&limit=200', headers })).json()
      .items as Array<{ id: string }>;
    const reads: number[] = [];
    const writes: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const o of open) {
        let t = performance.now();
        const r = await app.inject({ url: `/api/opportunities/${o.id}/assessment`, headers });
        reads.push(performance.now() - t);
        if (r.statusCode !== 200) throw new Error(`assessment ${r.statusCode}: ${r.body}`);
        const version = (await app.inject({ url: `/api/opportunities/${o.id}`, headers })).json().version as number;
        t = performance.now();
        const w = await app.inject({
          method: 'POST',
          url: `/api/opportunities/${o.id}/knowledge/facts`,
          headers,
          payload: {
            version,
            kind: 'funding',
            field: 'pricingDiscussed',
            value: round % 2 === 0,
            evidence: {
              text: 'Discussed the price range',
              source: 'buyer_stated',
              observedAt: new Date().toISOString().slice(0, 10),
            },
          },
        });
        writes.push(performance.now() - t);
        if (w.statusCode !== 200) throw new Error(`knowledge write ${w.statusCode}: ${w.body}`);
      }
    }
    await app.close();
    const assessment = { requests: reads.length, ...percentiles(reads) };
    const knowledgeWrite = { requests: writes.length, ...percentiles(writes) };
    log(
      `GET assessment, one at a time (${assessment.requests}): p50 ${assessment.p50.toFixed(1)} ms, p95 ${assessment.p95.toFixed(1)} ms, p99 ${assessment.p99.toFixed(1)} ms (aim p95 < 20 ms)`,
    );
    log(
      `knowledge write with re-assessment (${knowledgeWrite.requests}): p50 ${knowledgeWrite.p50.toFixed(1)} ms, p95 ${knowledgeWrite.p95.toFixed(1)} ms, p99 ${knowledgeWrite.p99.toFixed(1)} ms`,
    );
    return { assessment, knowledgeWrite };
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One fit of our learner on every IBM row (binning and inner selection included). */
function measureIbmFit(ibm: ReturnType<typeof parseTable>, log: (line: string) => void) {
  const outcome = ibm.header.indexOf('Opportunity Result');
  const features = ibm.header
    .map((name, position) => ({ name, position }))
    .filter((c) => c.position !== outcome && !IBM_AFTER_CLOSING.includes(c.name))
    .map((c) => ({
      position: c.position,
      info: inferColumn(
        c.name,
        ibm.rows.map((r) => r[c.position]!.trim()),
      ),
    }));
  const fit = timed(() => {
    const data = tokenize(features, ibm.rows);
    const all = ibm.rows.map((_, i) => i);
    const labels = Uint8Array.from(ibm.rows, (r) => (r[outcome] === 'Won' ? 1 : 0));
    const binned = binTokens(data, all);
    // seeded as the eval seeds a fold (the bags' own fifths drawn apart from the first split's)
    const model = chooseAndFitBlend(binned, labels, all, innerSplit(all, labels, null, createRandom(1)), { seed: 18 });
    return {
      features: binned.features.length,
      pairs: model.additive.pairs.length,
      trees: model.trees.rounds,
      blendWeight: model.weight,
      ridgeShare: model.ridgeShare,
    };
  });
  log(
    `fit on ${ibm.rows.length} rows, ${fit.value.features} features, ${fit.value.pairs} pairs, ${fit.value.trees} trees, the trees' weight ${fit.value.blendWeight} and the regression's share ${fit.value.ridgeShare} chosen: ${fit.seconds.toFixed(2)} s (${fit.cpuSeconds.toFixed(2)} s of CPU)`,
  );

  return fit;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.BENCH_ENGINE_ONLY === 'fit') {
    measureIbmFit(
      parseTable(readFileSync(`${DATASETS}/ibm-sales-win-loss/WA_Fn-UseC_-Sales-Win-Loss.csv`, 'utf8')),
      console.log,
    );
  } else if (process.env.BENCH_ENGINE_ONLY === 'refit') {
    measureProductRefit();
  } else if (process.env.BENCH_ENGINE_ONLY === 'assess') {
    measureBulkAssessment();
    console.log(
      `peak memory: ${peakRssMb().toFixed(0)} MB resident (the demo workspace and the 100,000 assessments only)`,
    );
  } else {
    runEngineBenchmarks();
    await measureAssessmentLatency();
  }
}
