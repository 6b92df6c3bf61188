import type { ItemKind } from '../../domain/knowledge/schema.ts';

/**
 * What moved a deal's stored assessment: kept with it and with every point of its history, so the
 * trend can say why it moved. Every writer of an assessment names one.
 */
export type AssessmentCause =
  /** knowledge logged, added or retired by a person: the fields of the facts, the kinds of the items */
  | { kind: 'knowledge'; by: string; fields: Array<{ item: ItemKind; field: string }>; items: ItemKind[] }
  /** the opportunity's own fields changed (amount, dates, stage ...) */
  | { kind: 'change'; by: string; fields: string[] }
  | { kind: 'created'; by: string }
  | { kind: 'refit'; model: string }
  | { kind: 'rule'; rule: string }
  | { kind: 'reassignment'; by: string }
  /** written or linked by an import from another CRM (its file's name) */
  | { kind: 'import'; by: string; file: string }
  /** the nightly pass: knowledge ages and close dates come nearer */
  | { kind: 'nightly' }
  /** an operator's `winsight reassess` */
  | { kind: 'reassess' }
  /** the demo's story, replayed as the seed writes it */
  | { kind: 'demo' };

export type AssessmentCauseKind = AssessmentCause['kind'];
