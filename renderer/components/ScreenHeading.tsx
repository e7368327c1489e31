/**
 * A screen's title, focused when the screen opens so keyboard and screen-reader
 * users land at the top of the new content.
 */
import { useEffect, useRef, type ReactNode } from 'react';

/** The `<h1>` of a screen; takes focus on mount. */
export function ScreenHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="screen-title">
      {children}
    </h1>
  );
}
