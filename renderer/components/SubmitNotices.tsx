/**
 * One banner per submit whose outcome main decided after a restart or crash ("Your Data Lab submission from
 * 14:02 arrived as version 3" / "did not arrive"), until the user dismisses it (issue 10 item 3).
 */
import { useEffect } from 'react';
import type { AutolabApi } from '../../preload/contract';
import { useAccounts } from '../store/accounts-store';
import { useSubmitJournal } from '../store/submit-journal-store';

/** The notices of reconciled submits for every signed-in account. */
export function SubmitNotices({ api }: { api: AutolabApi }) {
  const notices = useSubmitJournal((s) => s.notices);
  const signedIn = useAccounts((s) => s.accounts.filter((a) => a.status === 'signed-in').map((a) => a.id).join('\n'));
  useEffect(() => useSubmitJournal.getState().listen(api), [api]);
  useEffect(() => {
    for (const id of signedIn.split('\n').filter(Boolean)) void useSubmitJournal.getState().load(api, id);
  }, [api, signedIn]);
  if (!notices.length) return null;
  return (
    <ul className="submit-notices" aria-label="Submissions checked after a restart">
      {notices.map((n) => (
        <li key={n.id} role="status" className={`banner ${n.outcome?.landed === 'yes' ? 'banner-ok' : n.outcome?.landed === 'no' ? 'banner-error' : 'banner-warn'}`}>
          <span>{n.outcome?.message}</span>{' '}
          <button type="button" onClick={() => void useSubmitJournal.getState().dismiss(api, n.id)}>
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
