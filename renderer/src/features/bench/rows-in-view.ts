import { useEffect, useState } from 'react';

/** Which order lines are on screen, known without reading the layout inside a scan's answer. */
export type RowsInView = {
  /** Follows a row while it is mounted; returns the unfollow. */
  watch(row: Element | null): (() => void) | undefined;
  /** Scrolls a row into view in the next frame unless it is already wholly on screen; returns the cancel. */
  bringIntoView(row: Element | null): (() => void) | undefined;
};

/**
 * An IntersectionObserver learns, after each frame, which rows are wholly visible (clipped by the
 * lines' scroll box too), so a scan that hits a row already on screen lays nothing out: a
 * `scrollIntoView` on every scan cost ~2 ms of layout before the answer's frame (measured). Where
 * there is no IntersectionObserver (tests), every hit row is scrolled to.
 */
export function useRowsInView(): RowsInView {
  const [view] = useState(createRowsInView);
  useEffect(() => view.close, [view]);
  return view;
}

function createRowsInView(): RowsInView & { close(): void } {
  const whole = new WeakMap<Element, boolean>();
  const observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver((entries) => entries.forEach((e) => whole.set(e.target, e.intersectionRatio >= 0.99)), { threshold: [0, 0.99, 1] });
  return {
    watch(row) {
      if (!row || !observer) return undefined;
      observer.observe(row);
      return () => observer.unobserve(row);
    },
    bringIntoView(row) {
      if (!row || whole.get(row) === true) return undefined;
      const frame = requestAnimationFrame(() => row.scrollIntoView?.({ block: 'nearest' }));
      return () => cancelAnimationFrame(frame);
    },
    close: () => observer?.disconnect(),
  };
}
