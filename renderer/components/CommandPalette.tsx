/**
 * The command palette (issue 15, Ctrl/Cmd+K): type to jump to any screen, or
 * any course or assessment of any signed-in account, or any course of an
 * Open edX site (issue 13; from the Open edX watcher's last look and any course
 * list already loaded — opening the palette asks no server). Built on `cmdk` (its
 * filtering and keyboard model) inside the app's native modal dialog, so
 * focus is trapped and Escape closes it like every other dialog.
 */
import { Command } from 'cmdk';
import { useEffect, useMemo } from 'react';
import { useAccounts } from '../store/accounts-store';
import { useCourses } from '../store/courses-store';
import { useNavigation, type Route } from '../store/navigation-store';
import { useOpenedx } from '../store/openedx-store';
import { useOverview } from '../store/overview-store';
import { useUi } from '../store/ui-store';
import { Dialog } from './Dialog';
import { goToCourses } from './MainNav';

interface Target {
  id: string;
  label: string;
  /** Shown after the label: course and server. */
  detail: string;
  keywords: string[];
  run(): void;
}

function openRoute(accountId: string | null, route: Route): void {
  if (accountId) useAccounts.setState({ currentId: accountId });
  useNavigation.getState().go(route);
}

/** Every place the palette can go to, from what the stores know. */
function useTargets(): { screens: Target[]; courses: Target[]; assessments: Target[] } {
  const accounts = useAccounts((s) => s.accounts);
  const courseLists = useCourses((s) => s.courses);
  const assessmentLists = useCourses((s) => s.assessments);
  const overviews = useOverview((s) => s.byScope);
  const edxSites = useOpenedx((s) => s.sites);
  const edxOverview = useOpenedx((s) => s.overview);
  const edxLists = useOpenedx((s) => s.courses);
  return useMemo(() => {
    const signedIn = accounts.filter((a) => a.status === 'signed-in');
    const many = signedIn.length > 1;
    const server = (id: string) => signedIn.find((a) => a.id === id)?.serverName ?? '';
    const screens: Target[] = [
      { id: 'screen:upcoming', label: 'Upcoming', detail: 'Screen', keywords: ['home', 'deadlines'], run: () => openRoute(null, { name: 'upcoming' }) },
      { id: 'screen:courses', label: 'Courses', detail: 'Screen', keywords: [], run: goToCourses },
      { id: 'screen:activity', label: 'Activity', detail: 'Screen', keywords: ['notifications'], run: () => openRoute(null, { name: 'activity' }) },
      { id: 'screen:settings', label: 'Settings', detail: 'Screen', keywords: ['preferences', 'theme'], run: () => openRoute(null, { name: 'settings' }) },
      { id: 'screen:accounts', label: 'Accounts', detail: 'Screen', keywords: ['sign in', 'servers'], run: () => openRoute(null, { name: 'home' }) },
    ];
    const courses = new Map<string, Target>();
    const assessments = new Map<string, Target>();
    const courseName = new Map<string, string>();
    const addCourse = (accountId: string, name: string, displayName: string) => {
      const key = `${accountId}/${name}`;
      courseName.set(key, displayName);
      if (courses.has(key)) return;
      const where = many ? server(accountId) : '';
      courses.set(key, { id: `course:${key}`, label: displayName, detail: where, keywords: [name, server(accountId)], run: () => openRoute(accountId, { name: 'course', accountId, course: name }) });
    };
    const addAssessment = (accountId: string, course: string, name: string, displayName: string) => {
      const key = `${accountId}/${course}/${name}`;
      if (assessments.has(key)) return;
      const courseLabel = courseName.get(`${accountId}/${course}`) ?? course;
      const detail = many ? `${courseLabel} · ${server(accountId)}` : courseLabel;
      assessments.set(key, { id: `assessment:${key}`, label: displayName, detail, keywords: [name, courseLabel, server(accountId)], run: () => openRoute(accountId, { name: 'assessment', accountId, course, assessment: name }) });
    };
    for (const a of signedIn) for (const c of courseLists[a.id]?.result?.data ?? []) addCourse(a.id, c.name, c.displayName);
    for (const o of Object.values(overviews)) for (const c of o.courses) if (signedIn.some((a) => a.id === c.accountId)) addCourse(c.accountId, c.name, c.displayName);
    for (const o of Object.values(overviews)) {
      for (const e of o.entries) if (signedIn.some((a) => a.id === e.accountId)) addAssessment(e.accountId, e.course.name, e.assessment.name, e.assessment.displayName);
    }
    for (const [key, q] of Object.entries(assessmentLists)) {
      const [accountId, course] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      if (!signedIn.some((a) => a.id === accountId)) continue;
      for (const a of q.result?.data ?? []) addAssessment(accountId, course, a.name, a.displayName);
    }
    const addEdxCourse = (siteId: string, siteName: string, courseKey: string, name: string) => {
      const key = `edx:${siteId}/${courseKey}`;
      if (courses.has(key) || !edxSites.some((x) => x.id === siteId && x.status === 'signed-in')) return;
      courses.set(key, { id: `course:${key}`, label: name, detail: `Open edX · ${siteName}`, keywords: [courseKey, siteName, 'open edx', 'edx'], run: () => openRoute(null, { name: 'openedx-course', siteId, courseKey }) });
    };
    for (const c of edxOverview?.courses ?? []) addEdxCourse(c.siteId, c.siteName, c.courseKey, c.name);
    for (const q of Object.values(edxLists)) for (const c of q.result?.data ?? []) addEdxCourse(c.siteId, c.siteName, c.courseKey, c.name);
    return { screens, courses: [...courses.values()], assessments: [...assessments.values()] };
  }, [accounts, courseLists, assessmentLists, overviews, edxSites, edxOverview, edxLists]);
}

function Group({ heading, targets, onPick }: { heading: string; targets: Target[]; onPick(t: Target): void }) {
  if (!targets.length) return null;
  return (
    <Command.Group heading={heading}>
      {targets.map((t) => (
        <Command.Item key={t.id} value={t.id} keywords={[t.label, t.detail, ...t.keywords]} onSelect={() => onPick(t)}>
          <span className="palette-label">{t.label}</span>
          {t.detail && <span className="palette-detail">{t.detail}</span>}
        </Command.Item>
      ))}
    </Command.Group>
  );
}

/** The palette dialog. */
export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen);
  const setPalette = useUi((s) => s.setPalette);
  const { screens, courses, assessments } = useTargets();
  useEffect(() => {
    // Every account's current assessments, cache first (no request when a refresh is running).
    if (open && !useOverview.getState().byScope.all) void useOverview.getState().load();
    // Open edX courses as the watcher last saw them (no request).
    if (open && !useOpenedx.getState().overview && useOpenedx.getState().sites.length) void useOpenedx.getState().loadOverview(true);
  }, [open]);
  const pick = (t: Target) => {
    setPalette(false);
    t.run();
  };
  return (
    <Dialog open={open} title="Go to" onClose={() => setPalette(false)} className="palette-dialog">
      <Command label="Go to a screen, course or assessment" loop filter={(value, search, keywords) => {
        const hay = [value.slice(value.indexOf(':') + 1), ...(keywords ?? [])].join(' ').toLowerCase();
        return search.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w)) ? 1 : 0;
      }}>
        <Command.Input data-autofocus placeholder="Type a course or assessment…" />
        <Command.List label="Results">
          <Command.Empty>Nothing matches. Courses and assessments appear here once their lists have loaded.</Command.Empty>
          <Group heading="Assessments" targets={assessments} onPick={pick} />
          <Group heading="Courses" targets={courses} onPick={pick} />
          <Group heading="Screens" targets={screens} onPick={pick} />
        </Command.List>
      </Command>
      <p className="muted small palette-hint">↑ ↓ to move · Enter to open · Esc to close</p>
    </Dialog>
  );
}
