/**
 * Accounts in Settings (issue 15): the servers and who is signed in to each,
 * with sign in, sign out and remove; adding a server lives on the accounts screen.
 */
import { useNavigation } from '../../store/navigation-store';
import { AccountsList } from '../welcome/AccountsList';

/** The accounts section. */
export function AccountsSection() {
  const go = useNavigation((s) => s.go);
  return (
    <>
      <AccountsList embedded />
      <div className="actions">
        <button type="button" onClick={() => go({ name: 'home' })}>
          Add an Autolab server or try the demo…
        </button>
      </div>
    </>
  );
}
