/**
 * An Open edX course is named by its display name on its page and in the
 * breadcrumbs (issue 15: display names, never slugs or keys): from the site's
 * course list when loaded, else from the Open edX watcher's last look (so a
 * course opened from Upcoming or the palette is named before its site's
 * course list has loaded), else nothing (the screen shows a placeholder).
 */
import { describe, expect, it } from 'vitest';
import type { OpenedxCourseView, OpenedxOverview } from '../../preload/contract';
import { openedxCourseName, type OpenedxState } from '../../renderer/store/openedx-store';

const KEY = 'course-v1:HarvardX+PH125.1x+3T2026';
const overview: OpenedxOverview = {
  deadlines: [],
  courses: [{ siteId: 'site-1', siteName: 'Demo Open edX', courseKey: KEY, name: 'R Basics' }],
  recentGrades: [],
  sites: [],
  refreshing: false,
};
const view = (name: string): OpenedxCourseView => ({ siteId: 'site-1', siteName: 'Demo Open edX', courseKey: KEY, name, org: null, number: null, start: null, end: null, mode: null, state: 'current' });
const loaded = (data: OpenedxCourseView[]): OpenedxState['courses'][string] => ({ result: { data, fetchedAt: 1, stale: false } }) as unknown as OpenedxState['courses'][string];

describe('openedxCourseName', () => {
  it("uses the watcher's last look when the site's course list is not loaded", () => {
    expect(openedxCourseName({ courses: {}, overview }, 'site-1', KEY)).toBe('R Basics');
  });

  it("prefers the site's course list when it has the course", () => {
    expect(openedxCourseName({ courses: { 'site-1': loaded([view('R Basics (2026)')]) }, overview }, 'site-1', KEY)).toBe('R Basics (2026)');
  });

  it('is undefined (never the key) when no store knows the course, or for another site', () => {
    expect(openedxCourseName({ courses: {}, overview: null }, 'site-1', KEY)).toBeUndefined();
    expect(openedxCourseName({ courses: {}, overview }, 'site-2', KEY)).toBeUndefined();
    expect(openedxCourseName({ courses: {}, overview }, undefined, undefined)).toBeUndefined();
  });
});
