/**
 * The app frame: header (brand, account, sign out), breadcrumb, and the current screen.
 */
import { useEffect } from 'react';
import { AccountSwitcher } from './components/AccountSwitcher';
import { ActivityButton } from './components/ActivityButton';
import { AppNoticeBanners, NotAnsweringBanner } from './components/NetworkBanners';
import { SubmitNotices } from './components/SubmitNotices';
import { Toasts } from './components/Toasts';
import { ActivityScreen } from './screens/ActivityScreen';
import { useActivity } from './store/activity-store';
import { Breadcrumbs } from './components/Breadcrumbs';
import { AssessmentScreen } from './screens/assessment/AssessmentScreen';
import { AssessmentsScreen } from './screens/AssessmentsScreen';
import { CoursesScreen } from './screens/CoursesScreen';
import { RosterScreen } from './screens/instructor/RosterScreen';
import { ScoresScreen } from './screens/instructor/ScoresScreen';
import { WelcomeScreen } from './screens/WelcomeScreen';
import { OpenedxCourseScreen } from './screens/openedx/OpenedxCourseScreen';
import { OpenedxCoursesScreen } from './screens/openedx/OpenedxCoursesScreen';
import { useOpenedx } from './store/openedx-store';
import { useAccounts } from './store/accounts-store';
import { useAppStore } from './store/app-store';
import { useNetwork } from './store/network-store';
import { useNavigation, type Route } from './store/navigation-store';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <WelcomeScreen />;
    case 'courses':
      return <CoursesScreen key={route.accountId} accountId={route.accountId} />;
    case 'course':
      return <AssessmentsScreen key={`${route.accountId}/${route.course}`} accountId={route.accountId} course={route.course} />;
    case 'assessment':
      return <AssessmentScreen accountId={route.accountId} course={route.course} assessment={route.assessment} feedback={route.feedback} />;
    case 'activity':
      return <ActivityScreen />;
    case 'roster':
      return <RosterScreen key={`${route.accountId}/${route.course}`} accountId={route.accountId} course={route.course} />;
    case 'scores':
      return <ScoresScreen key={`${route.accountId}/${route.course}`} accountId={route.accountId} course={route.course} assessment={route.assessment} />;
    case 'openedx-courses':
      return <OpenedxCoursesScreen key={route.siteId} siteId={route.siteId} />;
    case 'openedx-course':
      return <OpenedxCourseScreen key={`${route.siteId}|${route.courseKey}`} siteId={route.siteId} courseKey={route.courseKey} />;
  }
}

/** The root component. */
export function App() {
  const api = useAppStore((s) => s.api);
  const info = useAppStore((s) => s.info);
  const fatal = useAppStore((s) => s.fatal);
  const route = useNavigation((s) => s.route);
  useEffect(() => {
    if (api) void useAccounts.getState().init(api);
  }, [api]);
  useEffect(() => (api ? useActivity.getState().init(api) : undefined), [api]);
  useEffect(() => (api ? useNetwork.getState().init(api) : undefined), [api]);
  useEffect(() => {
    if (api) void useOpenedx.getState().init(api);
  }, [api]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">A</span>
          <span className="brand-name">Autolab Desktop</span>
          {info && (
            <span className="host-badge" data-testid="host-kind" title={`Version ${info.version}`}>
              {info.host === 'web' ? 'Web host' : 'Desktop'} · v{info.version}
            </span>
          )}
        </div>
        {api && (
          <div className="header-actions">
            <ActivityButton />
            <AccountSwitcher />
          </div>
        )}
      </header>
      <main className="app-main" id="main">
        {fatal ? (
          <div role="alert" className="banner banner-error">
            {fatal}
          </div>
        ) : (
          <>
            <Breadcrumbs />
            <AppNoticeBanners />
            {api && <SubmitNotices api={api} />}
            <NotAnsweringBanner accountId={'accountId' in route ? route.accountId : null} />
            <Screen route={route} />
          </>
        )}
      </main>
      {api && <Toasts />}
    </div>
  );
}
