/**
 * Which rows of a long, fixed-row-height list are on screen (windowing).
 *
 * Why: a 2,000-row roster must scroll smoothly (issue 7); only the visible
 * rows plus a few above and below are rendered, positioned inside a spacer
 * of the full height.
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';

/** The slice of rows to render. */
export interface RowWindow {
  start: number;
  end: number;
  totalHeight: number;
  offset: number;
}

/** Track the scroll container `ref` and return the rows to render. */
export function useRowWindow(ref: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8): RowWindow {
  const [view, setView] = useState({ top: 0, height: 600 });
  const measure = useCallback(() => {
    const el = ref.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight || 600 });
  }, [ref]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    measure();
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [ref, measure]);
  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  return { start, end, totalHeight: count * rowHeight, offset: start * rowHeight };
}
