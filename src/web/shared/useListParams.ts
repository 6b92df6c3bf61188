import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type ParamPatch = Record<string, string | number | null | undefined>;

/**
 * A list's filters, sort and page as URL query parameters, so a view can be bookmarked, shared
 * and restored with the back button. Changing a filter returns to the first page.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: ParamPatch, options: { replace?: boolean } = {}) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('offset' in patch)) next.delete('offset');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  return { params, update, offset };
}
