/**
 * A small "More actions" menu for one table row (WAI-ARIA menu button).
 *
 * Why: destructive actions such as Drop should not sit as a button on every
 * one of 2,000 rows (issue 12). The menu is positioned `fixed` from its
 * button and rendered into `document.body` (a table row's transform would
 * otherwise become its containing block), so no cell can clip or cover it; Escape or Tab closes it
 * and focus returns to the button; arrow keys move between items.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

/** One item of the menu. */
export interface RowMenuItem {
  label: string;
  onSelect(): void;
  danger?: boolean;
}

/** The menu button and its menu. */
export function RowMenu({ label, items }: { label: string; items: RowMenuItem[] }) {
  const [at, setAt] = useState<{ top: number; right: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = (refocus = true) => {
    setAt(null);
    if (refocus) button.current?.focus();
  };
  useEffect(() => {
    if (!at) return;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus({ preventScroll: true });
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setAt(null);
    };
    const away = () => setAt(null);
    document.addEventListener('mousedown', outside);
    window.addEventListener('resize', away);
    document.addEventListener('scroll', away, true);
    return () => {
      document.removeEventListener('mousedown', outside);
      window.removeEventListener('resize', away);
      document.removeEventListener('scroll', away, true);
    };
  }, [at]);
  if (!items.length) return null;
  const open = () => {
    const r = button.current?.getBoundingClientRect();
    if (r) setAt({ top: r.bottom + 4, right: window.innerWidth - r.right });
  };
  const onKey = (e: React.KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      close(false);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      all[(i + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus({ preventScroll: true });
    }
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="small-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={at !== null}
        aria-controls={at ? id : undefined}
        onClick={() => (at ? close() : open())}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {at &&
        createPortal(
        <div ref={menu} id={id} role="menu" aria-label={label} className="row-menu" style={{ top: at.top, right: at.right }} onKeyDown={onKey}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className={item.danger ? 'danger' : undefined}
              onClick={() => {
                close(false);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>,
          document.body,
        )}
    </>
  );
}
