/**
 * Assessments · Roster · Scores: the course's pages, with the instructor ones
 * offered only where the account's role and token allow (issue 7).
 *
 * Students see no tabs at all. Course assistants and tokens without
 * `instructor_all` see Roster and Scores disabled, with the one sentence that
 * says why right under the tabs, instead of screens Autolab would refuse with
 * 403 "User does not have instructor privileges for this course"
 * (autolab-api.md §2.10, §4.0 step 4, §6.19). A token without
 * `instructor_all` gets "Sign in again with instructor access", which keeps
 * the account, its cache and its settings and only widens the scopes asked.
 */
import { useId } from 'react';
import { instructorAccess } from '../../../preload/contract';
import { useAccounts } from '../../store/accounts-store';
import { useCourses } from '../../store/courses-store';
import { useNavigation } from '../../store/navigation-store';
import { SignInPanel } from '../welcome/SignInPanel';
import './instructor.css';

/** Props of {@link CourseTabs}. */
export interface CourseTabsProps {
  accountId: string;
  course: string;
  current: 'assessments' | 'roster' | 'scores';
}

/** The access decision for a course of an account, once the course list is known. */
export function useInstructorAccess(accountId: string, course: string) {
  const role = useCourses((s) => s.courses[accountId]?.result?.data.find((c) => c.name === course)?.role);
  const account = useAccounts((s) => s.accounts.find((a) => a.id === accountId));
  if (!role || !account) return null;
  return instructorAccess(role, account.scopes, account.instructorAskedAtSignIn);
}

/** A small padlock drawn in the text colour (no emoji font needed). */
function LockMark() {
  return (
    <svg className="lock-mark" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
    </svg>
  );
}

/** The tab bar of a course; for course assistants, with Roster and Scores disabled and explained. */
export function CourseTabs({ accountId, course, current }: CourseTabsProps) {
  const access = useInstructorAccess(accountId, course);
  const go = useNavigation((s) => s.go);
  const signInTo = useAccounts((s) => s.signInTo);
  const signingIn = useAccounts((s) => s.signIn?.accountId === accountId);
  const noteId = useId();
  if (!access || access.kind === 'hidden') return null;
  const locked = access.kind === 'explain';
  const tabs = [
    { id: 'assessments', label: 'Assessments', to: { name: 'course', accountId, course } },
    { id: 'roster', label: 'Roster', to: { name: 'roster', accountId, course } },
    { id: 'scores', label: 'Scores', to: { name: 'scores', accountId, course } },
  ] as const;
  return (
    <>
      <nav className={locked ? 'course-tabs course-tabs-locked' : 'course-tabs'} aria-label="Course pages">
        {tabs.map((t) => {
          const disabled = locked && t.id !== 'assessments';
          return (
            <button
              key={t.id}
              type="button"
              className="course-tab"
              aria-current={current === t.id ? 'page' : undefined}
              aria-disabled={disabled || undefined}
              aria-describedby={disabled ? noteId : undefined}
              title={disabled ? access.message : undefined}
              onClick={disabled ? undefined : () => go(t.to)}
            >
              {disabled && <LockMark />}
              {t.label}
            </button>
          );
        })}
      </nav>
      {locked && (
        <div className="banner banner-info instructor-note" role="note">
          <p id={noteId}>{access.message}</p>
          {access.offerSignIn && !signingIn && (
            <button type="button" className="primary" onClick={() => void signInTo(accountId, 'loopback', { instructorAccess: true })}>
              Sign in again with instructor access
            </button>
          )}
        </div>
      )}
      {locked && signingIn && <SignInPanel />}
    </>
  );
}
