import { describe, expect, it } from 'vitest';
import type { GapRules } from '../../../contract/gap-rules.ts';
import { DEFAULT_GAP_RULE_SET, describeGapRule, describeRecurrence } from '../../../domain/coaching/gap-rule-set.ts';
import {
  bodyOf,
  draftOf,
  errorsByField,
  fieldOrder,
  newRule,
  nextRuleId,
  recurrenceSentence,
  ruleSentence,
} from './gap-rules-form.ts';

const read: GapRules = {
  rules: DEFAULT_GAP_RULE_SET.rules.map((r) => ({ ...r, text: describeGapRule(r) })),
  recurrence: { ...DEFAULT_GAP_RULE_SET.recurrence, text: describeRecurrence(DEFAULT_GAP_RULE_SET.recurrence) },
  isDefault: true,
  version: 0,
  updatedAt: null,
  updatedByName: null,
};

describe('the coaching rules form', () => {
  it('sends back what it read, unchanged, at the version read', () => {
    expect(bodyOf(draftOf(read), 4)).toEqual({ version: 4, ...DEFAULT_GAP_RULE_SET });
  });

  it('sends an emptied number as missing, so the API names the field', () => {
    const draft = draftOf(read);
    draft.rules[2]!.threshold = '';
    draft.recurrence.minDeals = '';
    const body = bodyOf(draft, 1);
    expect(body.rules[2]!.threshold).toBeNull();
    expect(body.recurrence.minDeals).toBeNull();
  });

  it('gives a new rule the first id no rule uses', () => {
    expect(nextRuleId([{ id: 'GAP-01' }, { id: 'GAP-03' }])).toBe('GAP-02');
    const draft = draftOf(read);
    expect(newRule(draft.rules).id).toBe(`GAP-${String(draft.rules.length + 1).padStart(2, '0')}`);
  });

  it('says each row in plain words as it is typed, and nothing while a number is missing', () => {
    const draft = draftOf(read);
    expect(ruleSentence(draft.rules[1]!)).toBe(read.rules[1]!.text);
    draft.rules[1]!.threshold = 0.35;
    expect(ruleSentence(draft.rules[1]!)).toMatch(/is 35 points below the team’s usual/);
    draft.rules[1]!.minDeals = '';
    expect(ruleSentence(draft.rules[1]!)).toBeNull();
    expect(recurrenceSentence(draft.recurrence)).toBe(read.recurrence.text);
  });

  it('shows a root cause or a rule the API names at the field the form has', () => {
    expect(errorsByField({ 'rules.3.rootCauses.1': 'B1 is named twice', 'rules.2': 'Unknown field' })).toEqual({
      'rules.3.rootCauses': 'B1 is named twice',
      'rules.2.id': 'Unknown field',
    });
    expect(fieldOrder(draftOf(read))).toContain('rules.11.threshold');
  });
});
