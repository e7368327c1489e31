/**
 * "Open on Autolab" (issue 15): the course or assessment page on the
 * account's Autolab website, in the system browser — for what the API does
 * not offer (an embedded quiz, the scoreboard, grace days). Says plainly when
 * no browser could be asked, with the address to copy.
 */
import { useState } from 'react';
import { requireApi } from '../store/app-store';
import { useAccounts } from '../store/accounts-store';
import { CopyButton } from './CopyButton';

/** The Autolab web address of a course or one of its assessments (Autolab's Rails routes). */
export function autolabWebUrl(baseUrl: string, course: string, assessment?: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const c = `${base}/courses/${encodeURIComponent(course)}`;
  return assessment ? `${c}/assessments/${encodeURIComponent(assessment)}` : c;
}

/** Props of {@link OpenOnAutolab}. */
export interface OpenOnAutolabProps {
  accountId: string;
  course: string;
  assessment?: string;
  /** The visible label (default "Open on Autolab"). */
  label?: string;
  primary?: boolean;
}

/** A button that opens the page on Autolab. */
export function OpenOnAutolab({ accountId, course, assessment, label = 'Open on Autolab', primary }: OpenOnAutolabProps) {
  const baseUrl = useAccounts((s) => s.accounts.find((a) => a.id === accountId)?.baseUrl);
  const [failed, setFailed] = useState(false);
  if (!baseUrl) return null;
  const url = autolabWebUrl(baseUrl, course, assessment);
  async function open() {
    const result = await requireApi().shellOpenUrl({ url }).catch(() => ({ opened: false }));
    setFailed(!result.opened);
  }
  return (
    <span className="open-on-autolab">
      <button type="button" className={primary ? 'primary' : undefined} onClick={() => void open()}>
        {label} <span aria-hidden="true">↗</span>
      </button>
      {failed && (
        <span role="status" className="small">
          No browser could be asked to open it; copy the address: <span className="mono">{url}</span> <CopyButton text={url} label="Copy address" />
        </span>
      )}
    </span>
  );
}
