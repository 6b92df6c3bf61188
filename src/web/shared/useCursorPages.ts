import { useCallback, useState } from 'react';

type Trail = {
  /** the list (filters and sort) the trail belongs to */
  listKey: string;
  /** the cursor each visited page started at, in order: null is the first page */
  starts: Array<string | null>;
  /** the first page's count, which pages reached by cursor do not repeat */
  total: { value: number; isLowerBound: boolean } | null;
};

type PageAnswer = { total: number | null; totalIsLowerBound: boolean; nextCursor: string | null };

/**
 * Next / Previous through a list paged by cursor. The URL holds only the current page's cursor
 * (bookmarkable, and the back button works); the cursors of the pages seen before it, and the first
 * page's total, are remembered here for as long as the filters and sort stay the same. A page
 * opened from a link has no trail: where it sits is unknown and "Previous" goes to the first page.
 */
export function useCursorPages(
  listKey: string,
  cursor: string | undefined,
  answer: PageAnswer | undefined,
  onCursor: (cursor: string | null) => void,
) {
  const [trail, setTrail] = useState<Trail>({ listKey, starts: [null], total: null });
  const current: Trail = trail.listKey === listKey ? trail : { listKey, starts: [null], total: null };
  if (answer && answer.total !== null && cursor === undefined) {
    const seen = current.total;
    if (!seen || seen.value !== answer.total || seen.isLowerBound !== answer.totalIsLowerBound) {
      setTrail({ ...current, total: { value: answer.total, isLowerBound: answer.totalIsLowerBound } });
    }
  } else if (current !== trail) {
    setTrail(current);
  }

  const index = current.starts.indexOf(cursor ?? null);
  const next = useCallback(() => {
    if (!answer?.nextCursor) return;
    const known = index === -1 ? [null] : current.starts.slice(0, index + 1);
    setTrail({ ...current, starts: [...known, answer.nextCursor] });
    onCursor(answer.nextCursor);
  }, [answer, current, index, onCursor]);
  const previous = useCallback(() => {
    onCursor(index > 0 ? (current.starts[index - 1] ?? null) : null);
  }, [current, index, onCursor]);

  return {
    /** 0 for the first page; null when the page was opened from a link */
    pageIndex: index === -1 ? null : index,
    total: current.total,
    hasNext: Boolean(answer?.nextCursor),
    hasPrevious: cursor !== undefined,
    next,
    previous,
  };
}
