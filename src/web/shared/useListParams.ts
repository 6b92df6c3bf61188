import { useCallback } from 'react';
import { useLocation, useSearchParams } from 'react-router';

export type ParamPatch = Record<string, string | number | null | undefined>;

/**
 * A list's filters, sort and page (offset or cursor) as URL query parameters, so a view can be
 * bookmarked, shared and restored with the back button. Changing a filter returns to the first page.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const update = useCallback(
    (patch: ParamPatch, options: { replace?: boolean } = {}) => {
      // A search typed just before clicking a row settles after the click. While the next page's
      // code loads, this list stays on screen and its timer still fires: the address already
      // belongs to the next page then, and changing it would send the person back to the list.
      if (window.location.pathname !== pathname) return;
      setParams(
        () => {
          // the address as it is now, not as this page last rendered it: two changes in quick
          // succession (a sort, then a period) must both stay, and a router's update function
          // is handed the parameters of the last render
          const next = new URLSearchParams(window.location.search);
          for (const [key, value] of Object.entries(patch)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('offset' in patch)) next.delete('offset');
          if (!('cursor' in patch)) next.delete('cursor');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams, pathname],
  );
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  return { params, update, offset };
}
