/**
 * Assessments · Roster · Scores: the course's pages, with the instructor ones
 * offered only where the account's role and token allow (issue 7).
 *
 * Students see no tabs at all; course assistants and tokens without
 * `instructor_all` see one sentence instead (autolab-api.md §2.10, §6.19).
 */
import { instructorAccess } from '../../../preload/contract';
import { useAccounts } from '../../store/accounts-store';
import { useCourses } from '../../store/courses-store';
import { useNavigation } from '../../store/navigation-store';
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
  const scopes = useAccounts((s) => s.accounts.find((a) => a.id === accountId)?.scopes);
  if (!role || !scopes) return null;
  return instructorAccess(role, scopes);
}

/** The tab bar of a course, or the one-sentence explanation. */
export function CourseTabs({ accountId, course, current }: CourseTabsProps) {
  const access = useInstructorAccess(accountId, course);
  const go = useNavigation((s) => s.go);
  if (!access || access.kind === 'hidden') return null;
  if (access.kind === 'explain') {
    return current === 'assessments' ? <p className="banner banner-info instructor-note" role="note">{access.message}</p> : null;
  }
  const tabs = [
    { id: 'assessments', label: 'Assessments', to: { name: 'course', accountId, course } },
    { id: 'roster', label: 'Roster', to: { name: 'roster', accountId, course } },
    { id: 'scores', label: 'Scores', to: { name: 'scores', accountId, course } },
  ] as const;
  return (
    <nav className="course-tabs" aria-label="Course pages">
      {tabs.map((t) => (
        <button key={t.id} type="button" className="course-tab" aria-current={current === t.id ? 'page' : undefined} onClick={() => go(t.to)}>
          {t.label}
        </button>
      ))}
    </nav>
  );
}
