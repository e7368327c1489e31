/**
 * Where the user is: the welcome/accounts screen, Upcoming, an account's
 * courses, a course's assessments or grades, one assessment, Activity or
 * Settings.
 */
import { create } from 'zustand';
import { isSiteId } from '../../preload/contract-plain';

/** A screen of the app. */
export type Route =
  | { name: 'home' }
  | { name: 'courses'; accountId: string }
  | { name: 'course'; accountId: string; course: string }
  | {
      name: 'assessment';
      accountId: string;
      course: string;
      assessment: string;
      /** Open this version's feedback on arrival (a clicked notification); `at` makes each click count. */
      feedback?: { version: number; at: number };
      /** Arrived through a "Submit…" button: bring the drop zone into view (issue 15). */
      intent?: 'submit';
    }
  | { name: 'activity' }
  /** Every open or soon-open assessment of every account: the home once signed in (issue 15). */
  | { name: 'upcoming' }
  | { name: 'settings' }
  /** A course's grades by category (issue 15). */
  | { name: 'grades'; accountId: string; course: string }
  | { name: 'roster'; accountId: string; course: string }
  | { name: 'scores'; accountId: string; course: string; assessment?: string }
  | { name: 'openedx-courses'; siteId: string }
  | { name: 'openedx-course'; siteId: string; courseKey: string };

/** Navigation state. */
export interface NavigationState {
  route: Route;
  go(route: Route): void;
}

const ROUTE_KEY = 'autolab-desktop.route';
const ROUTE_NAMES = new Set(['home', 'courses', 'course', 'assessment', 'activity', 'upcoming', 'settings', 'grades', 'roster', 'scores', 'openedx-courses', 'openedx-course']);

/**
 * The screen this window showed before a reload, if any (kept in
 * sessionStorage: per window, gone when it closes). A one-shot feedback
 * request is not kept, and anything malformed is ignored.
 */
export function restoredRoute(): Route | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(ROUTE_KEY) ?? 'null') as Record<string, unknown> | null;
    if (!value || typeof value.name !== 'string' || !ROUTE_NAMES.has(value.name)) return null;
    for (const key of ['accountId', 'course', 'assessment', 'siteId', 'courseKey'] as const) {
      if (key in value && typeof value[key] !== 'string') return null;
    }
    if ('siteId' in value && !isSiteId(value.siteId)) return null;
    return value as Route;
  } catch {
    return null;
  }
}

function remember(route: Route): void {
  try {
    const { feedback: _oneShot, intent: _intent, ...kept } = route as Route & { feedback?: unknown; intent?: unknown };
    sessionStorage.setItem(ROUTE_KEY, JSON.stringify(kept));
  } catch {
    // Storage may be unavailable; navigation still works.
  }
}

/** The navigation store. */
export const useNavigation = create<NavigationState>((set) => ({
  route: { name: 'home' },
  go(route) {
    set({ route });
    remember(route);
  },
}));
