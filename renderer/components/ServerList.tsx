/**
 * The parts every list of configured servers shares (Autolab accounts, Open edX sites): a row
 * with the name, badges, address, details and actions ending in "Remove", and a list that asks
 * before removing.
 *
 * Why: the Autolab accounts list and the Open edX sites list had the same row markup and the
 * same remove-with-confirmation logic twice; one copy keeps their accessible names alike.
 */
import { Fragment, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

/** Props of {@link ServerRow}. */
export interface ServerRowProps {
  name: string;
  /** Badges after the name (platform, "Demo"). */
  badges?: ReactNode;
  baseUrl: string;
  /** Lines under the address (who is signed in, notices). */
  children?: ReactNode;
  /** Buttons before "Remove". */
  actions?: ReactNode;
  onRemove(): void;
  removeDisabled?: boolean;
}

/** One server in a list; its "Remove" button is named "Remove <name>". */
export function ServerRow({ name, badges, baseUrl, children, actions, onRemove, removeDisabled }: ServerRowProps) {
  return (
    <li className="account-row">
      <div className="account-info">
        <div className="account-title">
          {name}
          {badges}
        </div>
        <div className="muted small">{baseUrl}</div>
        {children}
      </div>
      <div className="account-actions">
        {actions}
        <button type="button" className="ghost danger" aria-label={`Remove ${name}`} disabled={removeDisabled} onClick={onRemove}>
          Remove
        </button>
      </div>
    </li>
  );
}

/** Props of {@link ServerList}. */
export interface ServerListProps<T> {
  items: T[];
  keyOf(item: T): string;
  nameOf(item: T): string;
  /** The dialog's title names the item; this is said when it has no name. */
  fallbackName: string;
  /** Why to stop and think before removing (one sentence). */
  reason: string;
  /** The list's accessible name, if it needs one. */
  label?: string | undefined;
  remove(item: T): void;
  /** One row; `askRemove` opens the confirmation. */
  row(item: T, askRemove: () => void): ReactNode;
}

/** A list of servers whose "Remove" asks first. */
export function ServerList<T>({ items, keyOf, nameOf, fallbackName, reason, label, remove, row }: ServerListProps<T>) {
  const [removing, setRemoving] = useState<T | null>(null);
  return (
    <>
      <ul className="account-list" aria-label={label}>
        {items.map((item) => (
          <Fragment key={keyOf(item)}>{row(item, () => setRemoving(item))}</Fragment>
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing !== null ? nameOf(removing) : fallbackName}?`}
        reasons={[reason]}
        confirmLabel="Remove"
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing !== null) remove(removing);
          setRemoving(null);
        }}
      />
    </>
  );
}

