/**
 * The app frame: one header row (brand, main navigation, search, account
 * menu), the breadcrumb, and the current screen; the command palette and the
 * shortcuts list on top (issue 15).
 */
import { useEffect, useLayoutEffect } from 'react';
import { AccountMenu } from './components/AccountMenu';
import { AppNoticeBanners, NotAnsweringBanner } from './components/NetworkBanners';
import { SubmitNotices } from './components/SubmitNotices';
import { Breadcrumbs } from './components/Breadcrumbs';
import { CommandPalette } from './components/CommandPalette';
import { MainNav } from './components/MainNav';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { Toasts } from './components/Toasts';
import { useShortcuts } from './hooks/use-shortcuts';
import { ActivityScreen } from './screens/ActivityScreen';
import { AssessmentScreen } from './screens/assessment/AssessmentScreen';
import { AssessmentsScreen } from './screens/AssessmentsScreen';
import { CoursesScreen } from './screens/CoursesScreen';
import { GradesScreen } from './screens/grades/GradesScreen';
import { RosterScreen } from './screens/instructor/RosterScreen';
import { ScoresScreen } from './screens/instructor/ScoresScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { UpcomingScreen } from './screens/upcoming/UpcomingScreen';
import { WelcomeScreen } from './screens/WelcomeScreen';
import { OpenedxCourseScreen } from './screens/openedx/OpenedxCourseScreen';
import { OpenedxCoursesScreen } from './screens/openedx/OpenedxCoursesScreen';
import { useOpenedx } from './store/openedx-store';
import { useAccounts } from './store/accounts-store';
import { useActivity } from './store/activity-store';
import { useAppStore } from './store/app-store';
import { useNetwork } from './store/network-store';
import { useNavigation, type Route } from './store/navigation-store';
import { useOverview } from './store/overview-store';
import { applyTheme, useUi } from './store/ui-store';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <WelcomeScreen />;
    case 'upcoming':
      return <UpcomingScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'courses':
      return <CoursesScreen key={route.accountId} accountId={route.accountId} />;
    case 'course':
      return <AssessmentsScreen key={`${route.accountId}/${route.course}`} accountId={route.accountId} course={route.course} />;
    case 'grades':
      return <GradesScreen key={`${route.accountId}/${route.course}`} accountId={route.accountId} course={route.course} />;
    case 'assessment':
      return <AssessmentScreen accountId={route.accountId} course={route.course} assessment={route.assessment} feedback={route.feedback} intent={route.intent} />;
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

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** The root component. */
export function App() {
  const api = useAppStore((s) => s.api);
  const info = useAppStore((s) => s.info);
  const fatal = useAppStore((s) => s.fatal);
  const route = useNavigation((s) => s.route);
  const setPalette = useUi((s) => s.setPalette);
  useEffect(() => applyTheme(useUi.getState().theme), []);
  // The two calls the home paints from (the account list and the cached overview) go out as the connection is
  // rendered, not after the next paint (a passive effect waited a frame): issue 15, Upcoming from the cache.
  useLayoutEffect(() => {
    if (api) void useAccounts.getState().init(api);
  }, [api]);
  useLayoutEffect(() => (api ? useOverview.getState().listen(api) : undefined), [api]);
  useEffect(() => (api ? useActivity.getState().init(api) : undefined), [api]);
  useEffect(() => (api ? useNetwork.getState().init(api) : undefined), [api]);
  useEffect(() => {
    if (api) void useOpenedx.getState().init(api);
  }, [api]);
  useShortcuts(!!api);

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
          <>
            <MainNav />
            <div className="header-actions">
              <button type="button" className="search-button" onClick={() => setPalette(true)} aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}>
                <span>Go to…</span>
                <kbd aria-hidden="true">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
              </button>
              <AccountMenu />
            </div>
          </>
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
      {api && <CommandPalette />}
      {api && <ShortcutsDialog />}
    </div>
  );
}
