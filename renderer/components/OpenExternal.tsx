/**
 * A button that opens a web address in the system browser, through main's
 * URL allow-list, and says plainly when no browser could be asked, with the
 * address to copy (issue 15's "Open on Autolab", issue 13's "Open in browser").
 */
import { useState, type ReactNode } from 'react';
import { requireApi } from '../store/app-store';
import { CopyButton } from './CopyButton';

/** Props of {@link OpenExternal}. */
export interface OpenExternalProps {
  url: string;
  /** The visible label; its text starts the accessible name. */
  children: ReactNode;
  className?: string;
  /** An accessible name that starts with the visible label (rows of many such buttons name their item). */
  ariaLabel?: string;
}

/** The button, and after a failed attempt the address with Copy. */
export function OpenExternal({ url, children, className, ariaLabel }: OpenExternalProps) {
  const [failed, setFailed] = useState(false);
  async function open() {
    const result = await requireApi().shellOpenUrl({ url }).catch(() => ({ opened: false }));
    setFailed(!result.opened);
  }
  return (
    <span className="open-on-autolab">
      <button type="button" className={className} aria-label={ariaLabel} onClick={() => void open()}>
        {children} <span aria-hidden="true">↗</span>
      </button>
      {failed && (
        <span role="status" className="small">
          No browser could be asked to open it; copy the address: <span className="mono">{url}</span> <CopyButton text={url} label="Copy address" />
        </span>
      )}
    </span>
  );
}
