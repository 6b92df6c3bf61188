import { describe, expect, it } from 'vitest';
import {
  LEARNING_TYPE_LABELS,
  LEARNING_TYPES,
  ROOT_CAUSE_GUIDE,
  WELLBEING_CAUTION,
  type RootCauseGuide,
} from './root-cause-guide.ts';
import { ROOT_CAUSE_IDS, ROOT_CAUSES } from './root-causes.ts';

describe('the root-cause guide', () => {
  it('covers every root cause of the catalog, and nothing else', () => {
    expect(Object.keys(ROOT_CAUSE_GUIDE).sort()).toEqual([...ROOT_CAUSE_IDS].sort());
  });

  it.each(ROOT_CAUSES.map((c) => [c.id, c.name] as const))(
    '%s (%s) has signals, two or three questions and at least one known activity type',
    (id) => {
      const guide = ROOT_CAUSE_GUIDE[id];
      expect(guide.signals.length).toBeGreaterThan(0);
      expect(guide.questions.length).toBeGreaterThanOrEqual(2);
      expect(guide.questions.length).toBeLessThanOrEqual(3);
      expect(guide.activities.length).toBeGreaterThan(0);
      for (const type of guide.activities) expect(LEARNING_TYPES).toContain(type);
      expect(new Set(guide.activities).size).toBe(guide.activities.length);
    },
  );

  it.each(ROOT_CAUSE_IDS)('%s names only other known root causes to check first', (id) => {
    const guide: RootCauseGuide = ROOT_CAUSE_GUIDE[id];
    const checkFirst = guide.checkFirst ?? [];
    for (const other of checkFirst) {
      expect(ROOT_CAUSE_IDS).toContain(other);
      expect(other).not.toBe(id);
    }
  });

  it('says for wellbeing (C8) that its details are never stored', () => {
    expect(ROOT_CAUSE_GUIDE.C8.caution).toBe(WELLBEING_CAUTION);
    expect(WELLBEING_CAUTION).toMatch(/never stored/);
  });

  it('labels every learning type, each differently', () => {
    const labels = LEARNING_TYPES.map((t) => LEARNING_TYPE_LABELS[t]);
    expect(labels.every((l) => l.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(LEARNING_TYPES.length);
  });

  it('leaves no learning type unused by every root cause', () => {
    const used = new Set(Object.values(ROOT_CAUSE_GUIDE).flatMap((g) => g.activities));
    expect([...used].sort()).toEqual([...LEARNING_TYPES].sort());
  });
});
