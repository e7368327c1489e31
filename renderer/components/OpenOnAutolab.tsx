/**
 * "Open on Autolab" (issue 15): the course or assessment page on the
 * account's Autolab website, in the system browser — for what the API does
 * not offer (an embedded quiz, the scoreboard, grace days). Says plainly when
 * no browser could be asked, with the address to copy.
 */
import { useAccounts } from '../store/accounts-store';
import { OpenExternal } from './OpenExternal';

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
  if (!baseUrl) return null;
  return (
    <OpenExternal url={autolabWebUrl(baseUrl, course, assessment)} {...(primary ? { className: 'primary' } : {})}>
      {label}
    </OpenExternal>
  );
}
