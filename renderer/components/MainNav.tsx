/**
 * The persistent navigation (issue 15): Upcoming, Courses, Activity and
 * Settings on every screen, the current one marked with `aria-current`.
 */
import { useAccounts } from '../store/accounts-store';
import { useActivity } from '../store/activity-store';
import { useNavigation, type Route } from '../store/navigation-store';

type Section = 'upcoming' | 'courses' | 'activity' | 'settings';

/** Which section a route belongs to. */
export function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'upcoming':
      return 'upcoming';
    case 'courses':
    case 'course':
    case 'assessment':
    case 'grades':
    case 'roster':
    case 'scores':
      return 'courses';
    case 'activity':
      return 'activity';
    case 'settings':
      return 'settings';
    default:
      return null;
  }
}

/** Go to the courses of the account shown (or the first signed in; the accounts screen when none). */
export function goToCourses(): void {
  const { accounts, currentId } = useAccounts.getState();
  const signedIn = accounts.filter((a) => a.status === 'signed-in');
  const account = signedIn.find((a) => a.id === currentId) ?? signedIn[0];
  if (account) {
    useAccounts.setState({ currentId: account.id });
    useNavigation.getState().go({ name: 'courses', accountId: account.id });
  } else {
    useNavigation.getState().go({ name: 'home' });
  }
}

/** The main navigation. */
export function MainNav() {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const unseen = useActivity((s) => s.unseen);
  const current = sectionOf(route);
  const item = (section: Section, label: string, onClick: () => void, extra?: React.ReactNode) => (
    <li>
      <button type="button" className="nav-item" aria-current={current === section ? 'page' : undefined} onClick={onClick}>
        {label}
        {extra}
      </button>
    </li>
  );
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {item('upcoming', 'Upcoming', () => go({ name: 'upcoming' }))}
        {item('courses', 'Courses', goToCourses)}
        {item(
          'activity',
          'Activity',
          () => go({ name: 'activity' }),
          unseen > 0 && (
            <span className="count-badge" data-testid="unseen-count">
              {unseen > 99 ? '99+' : unseen}
              <span className="sr-only"> unseen</span>
            </span>
          ),
        )}
        {item('settings', 'Settings', () => go({ name: 'settings' }))}
      </ul>
    </nav>
  );
}
