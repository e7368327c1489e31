/**
 * Open edX sites, their courses and course pages (issue 13).
 *
 * Mirrors `openedx:list` (kept fresh by `openedx:changed`); courses and course
 * pages load cached-first like Autolab's (courses-store.ts).
 */
import { create } from 'zustand';
import type { AddOpenedxSiteInput, AutolabApi, OpenedxCourseDetail, OpenedxCourseView, OpenedxDemoInfo, OpenedxOverview, OpenedxSiteView } from '../../preload/contract';
import { errorSentence, requireApi } from './app-store';
import { loadCachedFirst, type Query } from './courses-store';
import { restoredRoute, useNavigation } from './navigation-store';

/** Open edX state. */
export interface OpenedxState {
  sites: OpenedxSiteView[];
  demoUsers: OpenedxDemoInfo['users'] | null;
  /** Browser sign-in in progress: the site and the URL to copy. */
  signingIn: { siteId: string; url: string | null } | null;
  error: string | null;
  courses: Record<string, Query<OpenedxCourseView[]>>;
  course: Record<string, Query<OpenedxCourseDetail>>;
  /** What the Open edX watcher knows (deadlines, courses, observed grade changes, each site's last look). */
  overview: OpenedxOverview | null;
  overviewError: string | null;
  init(api: AutolabApi): Promise<void>;
  /**
   * Upcoming: the watcher's last look at once (no request), then a look at sites not checked in
   * the last two minutes, within the watcher's budget (`cacheOnly`: the first part alone).
   */
  loadOverview(cacheOnly?: boolean): Promise<void>;
  /** @throws ApiCallError with the sentence to show next to the form. */
  addSite(input: AddOpenedxSiteInput): Promise<OpenedxSiteView>;
  remove(siteId: string): Promise<void>;
  signIn(siteId: string): Promise<void>;
  /** @throws ApiCallError when the demo cannot start. */
  startDemo(): Promise<void>;
  loadCourses(siteId: string): Promise<void>;
  loadCourse(siteId: string, courseKey: string): Promise<void>;
}

/** The key of a course page in the store. */
export const edxCourseKey = (siteId: string, courseKey: string) => `${siteId}|${courseKey}`;

let unsubscribe: (() => void) | null = null;

/** The Open edX store. */
export const useOpenedx = create<OpenedxState>((set, get) => ({
  sites: [],
  demoUsers: null,
  signingIn: null,
  error: null,
  courses: {},
  course: {},
  overview: null,
  overviewError: null,

  async init(api) {
    unsubscribe?.();
    const offChanged = api.on('openedx:changed', (sites) => set({ sites }));
    const offUrl = api.on('openedx:authorize-url', ({ siteId, url }) => set({ signingIn: { siteId, url } }));
    const offOverview = api.on('openedx:upcoming-changed', (overview) => set({ overview, overviewError: null }));
    unsubscribe = () => {
      offChanged();
      offUrl();
      offOverview();
    };
    try {
      const sites = await api.openedxList();
      set({ sites });
      // After a reload, come back to the same Open edX screen while its site is still signed in.
      const before = restoredRoute();
      if (before && 'siteId' in before && sites.some((x) => x.id === before.siteId && x.status === 'signed-in')) useNavigation.getState().go(before);
    } catch (err) {
      set({ error: errorSentence(err) });
    }
  },

  async addSite(input) {
    const site = await requireApi().openedxAddSite(input);
    set((s) => ({ sites: [...s.sites.filter((x) => x.id !== site.id), site] }));
    return site;
  },

  async remove(siteId) {
    try {
      set({ sites: await requireApi().openedxRemove({ siteId }), error: null });
    } catch (err) {
      set({ error: errorSentence(err) });
    }
  },

  async signIn(siteId) {
    set({ signingIn: { siteId, url: null }, error: null });
    try {
      const site = await requireApi().openedxSignIn({ siteId });
      set((s) => ({ sites: s.sites.map((x) => (x.id === site.id ? site : x)) }));
    } catch (err) {
      set({ error: errorSentence(err) });
    } finally {
      set({ signingIn: null });
    }
  },

  async startDemo() {
    const demo = await requireApi().openedxDemoStart();
    set((s) => ({ demoUsers: demo.users, sites: [...s.sites.filter((x) => x.id !== demo.site.id && !x.isDemo), demo.site] }));
  },

  async loadOverview(cacheOnly = false) {
    const api = requireApi();
    try {
      const cached = await api.openedxUpcoming({ source: 'cache' });
      // A newer answer (an event or a refresh) wins over the cached copy.
      const shown = get().overview;
      set({ overview: shown ? { ...shown, refreshing: shown.refreshing || !cacheOnly } : { ...cached, refreshing: !cacheOnly } });
      if (cacheOnly) return;
      set({ overview: await api.openedxUpcoming({ source: 'network' }), overviewError: null });
    } catch (err) {
      set((s) => ({ overviewError: errorSentence(err), overview: s.overview ? { ...s.overview, refreshing: false } : null }));
    }
  },

  loadCourses: (siteId) =>
    loadCachedFirst(
      `edx-courses|${siteId}`,
      () => get().courses[siteId],
      (q) => set((s) => ({ courses: { ...s.courses, [siteId]: q } })),
      (source) => requireApi().openedxCourses({ siteId, source }),
    ),

  loadCourse: (siteId, courseKey) => {
    const key = edxCourseKey(siteId, courseKey);
    return loadCachedFirst(
      `edx-course|${key}`,
      () => get().course[key],
      (q) => set((s) => ({ course: { ...s.course, [key]: q } })),
      (source) => requireApi().openedxCourse({ siteId, courseKey, source }),
    );
  },
}));

/**
 * The display name of an Open edX course (issue 15: display names, never keys): from the
 * site's course list when loaded, else from the watcher's last look, else undefined.
 */
export function openedxCourseName(s: Pick<OpenedxState, 'courses' | 'overview'>, siteId: string | undefined, courseKey: string | undefined): string | undefined {
  if (!siteId || !courseKey) return undefined;
  return s.courses[siteId]?.result?.data.find((c) => c.courseKey === courseKey)?.name ?? s.overview?.courses.find((c) => c.siteId === siteId && c.courseKey === courseKey)?.name;
}

/** {@link openedxCourseName} as a hook. */
export const useOpenedxCourseName = (siteId: string | undefined, courseKey: string | undefined): string | undefined =>
  useOpenedx((s) => openedxCourseName(s, siteId, courseKey));
