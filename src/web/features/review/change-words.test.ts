import { describe, expect, it } from 'vitest';
import { ADDED_WHY, DROPPED_WHY } from '../../../domain/review/changes.ts';
import { MARK_TOPICS } from '../../../contract/marks.ts';
import { ADDED_LABELS, deals, DROPPED_LABELS, TOPIC_LABELS } from './change-words.ts';

describe('the words of the changes since the last review', () => {
  it('names every topic and every reason a deal joined or left', () => {
    expect(Object.keys(TOPIC_LABELS).sort()).toEqual([...MARK_TOPICS].sort());
    expect(Object.keys(ADDED_LABELS).sort()).toEqual([...ADDED_WHY].sort());
    expect(Object.keys(DROPPED_LABELS).sort()).toEqual([...DROPPED_WHY].sort());
  });

  it.each([
    [1, '1 deal'],
    [0, '0 deals'],
    [3, '3 deals'],
  ])('%s reads %s', (n, text) => expect(deals(n)).toBe(text));
});
