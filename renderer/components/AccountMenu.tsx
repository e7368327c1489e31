/**
 * The account menu (issue 15): a button showing who is signed in and on which
 * server, opening a real menu (WAI-ARIA menu button) to switch between
 * signed-in accounts, manage accounts, or sign out — instead of a native
 * select that cut the server name off.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AccountView } from '../../preload/contract';
import { useAccounts } from '../store/accounts-store';
import { useNavigation } from '../store/navigation-store';

function personName(a: AccountView): string {
  if (!a.identity) return a.serverName;
  return `${a.identity.firstName} ${a.identity.lastName}`.trim() || a.identity.email;
}

function initial(a: AccountView): string {
  return (a.identity?.firstName[0] ?? a.identity?.email[0] ?? a.serverName[0] ?? '?').toUpperCase();
}

/** The account menu button and its menu. */
export function AccountMenu() {
  const accounts = useAccounts((s) => s.accounts);
  const currentId = useAccounts((s) => s.currentId);
  const signOut = useAccounts((s) => s.signOut);
  const go = useNavigation((s) => s.go);
  const route = useNavigation((s) => s.route);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const signedIn = accounts.filter((a) => a.status === 'signed-in');
  const current = signedIn.find((a) => a.id === currentId) ?? signedIn[0];

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function close(refocus = true) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function onMenuKey(e: KeyboardEvent) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') close(false);
    else return;
    e.preventDefault();
  }

  function switchTo(a: AccountView) {
    useAccounts.setState({ currentId: a.id });
    close();
    // Screens of one account follow the switch; Upcoming, Activity and Settings cover every account.
    if ('accountId' in route) go({ name: 'courses', accountId: a.id });
  }

  if (!current) {
    return (
      <button type="button" className="ghost account-button" onClick={() => go({ name: 'home' })}>
        Sign in
      </button>
    );
  }

  return (
    <div className="account-menu">
      <button
        ref={button}
        type="button"
        className="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
        data-testid="identity"
      >
        <span className="avatar" aria-hidden="true">{initial(current)}</span>
        <span className="account-button-text">
          <span className="account-button-name">{personName(current)}</span>
          <span className="account-button-server">{current.serverName}</span>
        </span>
        <span aria-hidden="true" className="caret">▾</span>
      </button>
      {open && (
        <ul ref={menu} id={menuId} role="menu" aria-label="Accounts" className="menu" onKeyDown={onMenuKey}>
          {signedIn.map((a) => (
            <li key={a.id} role="menuitemradio" aria-checked={a.id === current.id} tabIndex={-1} className="menu-item" onClick={() => switchTo(a)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), switchTo(a))}>
              <span className="menu-check" aria-hidden="true">{a.id === current.id ? '✓' : ''}</span>
              <span className="menu-text">
                <span>{personName(a)}</span>
                <span className="muted small">
                  {a.identity?.email} · {a.serverName}
                </span>
              </span>
            </li>
          ))}
          <li role="separator" className="menu-separator" />
          <li role="menuitem" tabIndex={-1} className="menu-item" onClick={() => (close(), go({ name: 'home' }))} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), close(), go({ name: 'home' }))}>
            <span className="menu-check" aria-hidden="true" />
            Manage accounts…
          </li>
          <li role="menuitem" tabIndex={-1} className="menu-item" onClick={() => (close(), void signOut(current.id))} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), close(), void signOut(current.id))}>
            <span className="menu-check" aria-hidden="true" />
            Sign out of {current.serverName}
          </li>
        </ul>
      )}
    </div>
  );
}
