/**
 * A section whose content opens and closes with a disclosure button.
 */
import { useId, useState, type ReactNode } from 'react';

/** Props of {@link Collapsible}. */
export interface CollapsibleProps {
  title: string;
  count: number;
  children: ReactNode;
  initiallyOpen?: boolean;
}

/** A heading with a button (`aria-expanded`) that shows or hides its content. */
export function Collapsible({ title, count, children, initiallyOpen = false }: CollapsibleProps) {
  const [open, setOpen] = useState(initiallyOpen);
  const id = useId();
  return (
    <section className="collapsible">
      <h2 className="collapsible-heading">
        <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span className="disclosure" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {title} ({count})
        </button>
      </h2>
      <div id={id} hidden={!open}>
        {children}
      </div>
    </section>
  );
}
