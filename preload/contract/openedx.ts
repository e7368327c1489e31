/**
 * Contract schemas for Open edX sites (issue 13): adding a site, its courses,
 * a course's graded subsections and grade. Never a token, JWT or client
 * secret flows to the renderer; the secret only flows in, once, when a site
 * is added.
 */
import { z } from 'zod';
import { SITE_ID_PATTERN } from '../contract-plain';
import { BaseUrlSchema } from './accounts';

/** An Open edX site id (opaque, generated in main): used everywhere a site id appears. */
export const SiteIdSchema = z.string().regex(SITE_ID_PATTERN);

/** A course key, `course-v1:Org+Num+Run` (also older `Org/Num/Run`). */
export const EdxCourseKeySchema = z.string().min(3).max(300).regex(/^[\w.:+/~-]+$/);

/** How the app gets tokens for a site. */
export const OpenedxAuthModeSchema = z.enum(['client-credentials', 'browser']);

/** One configured Open edX site, as the renderer sees it. */
export const OpenedxSiteViewSchema = z.object({
  id: SiteIdSchema,
  name: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
  mode: OpenedxAuthModeSchema,
  /** The fixed loopback port registered for browser sign-in (shown to the admin). */
  redirectPort: z.number().int().nullable(),
  isDemo: z.boolean(),
  status: z.enum(['signed-in', 'signed-out']),
  username: z.string().nullable(),
  fullName: z.string().nullable(),
  notice: z.string().nullable(),
});
/** @see OpenedxSiteViewSchema */
export type OpenedxSiteView = z.infer<typeof OpenedxSiteViewSchema>;

/** `openedx:add-site` input: client credentials issued by the site's admin, or a public app for browser sign-in. */
export const AddOpenedxSiteInputSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('client-credentials'),
    name: z.string().trim().max(80).optional(),
    baseUrl: BaseUrlSchema,
    clientId: z.string().trim().min(1).max(200),
    clientSecret: z.string().min(1).max(500),
  }),
  z.object({
    mode: z.literal('browser'),
    name: z.string().trim().max(80).optional(),
    baseUrl: BaseUrlSchema,
    clientId: z.string().trim().min(1).max(200),
    redirectPort: z.number().int().min(1024).max(65535),
  }),
]);
/** @see AddOpenedxSiteInputSchema */
export type AddOpenedxSiteInput = z.infer<typeof AddOpenedxSiteInputSchema>;

/** A course the user is enrolled in. */
export const OpenedxCourseViewSchema = z.object({
  siteId: SiteIdSchema,
  siteName: z.string(),
  courseKey: z.string(),
  name: z.string(),
  org: z.string().nullable(),
  number: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  mode: z.string().nullable(),
  state: z.enum(['current', 'upcoming', 'completed']),
});
/** @see OpenedxCourseViewSchema */
export type OpenedxCourseView = z.infer<typeof OpenedxCourseViewSchema>;

/** A course grade: percent 0..1, letter, passed. */
export const OpenedxGradeSchema = z.object({ percent: z.number(), letter: z.string().nullable(), passed: z.boolean() });

/** A graded subsection with its due date. */
export const OpenedxSubsectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  format: z.string().nullable(),
  due: z.string().nullable(),
  lmsWebUrl: z.string().nullable(),
});

/** A course page: graded subsections (by due date) and the grade. */
export const OpenedxCourseDetailSchema = z.object({
  courseKey: z.string(),
  subsections: z.array(OpenedxSubsectionSchema),
  grade: OpenedxGradeSchema.nullable(),
  /** Why the grade is missing (e.g. the app lacks grades:read), as one sentence. */
  gradeError: z.string().nullable(),
});
/** @see OpenedxCourseDetailSchema */
export type OpenedxCourseDetail = z.infer<typeof OpenedxCourseDetailSchema>;

/** A graded subsection due in the future, for Upcoming (soonest first). */
export const OpenedxUpcomingSchema = z.object({
  siteId: SiteIdSchema,
  siteName: z.string(),
  courseKey: z.string(),
  courseName: z.string(),
  id: z.string(),
  name: z.string(),
  due: z.string(),
  lmsWebUrl: z.string().nullable(),
});
/** @see OpenedxUpcomingSchema */
export type OpenedxUpcoming = z.infer<typeof OpenedxUpcomingSchema>;

/**
 * `openedx:upcoming` and the `openedx:upcoming-changed` event: what the Open
 * edX watcher knows (its last look at each site), for Upcoming and the
 * command palette. `source: 'cache'` answers from that alone; `network` first
 * asks the watcher to look at sites not checked in the last two minutes
 * (within its own request budget).
 */
export const OpenedxOverviewSchema = z.object({
  /** Graded subsections due after now, soonest first. */
  deadlines: z.array(OpenedxUpcomingSchema),
  /** Enrolled courses of every site (as of the watcher's last enrollment list). */
  courses: z.array(z.object({ siteId: SiteIdSchema, siteName: z.string(), courseKey: z.string(), name: z.string() })),
  /** Course grade changes the watcher observed in the last 14 days, newest first. */
  recentGrades: z.array(
    z.object({ siteId: SiteIdSchema, siteName: z.string(), courseKey: z.string(), courseName: z.string(), percent: z.number(), letter: z.string().nullable(), passed: z.boolean(), at: z.number() }),
  ),
  /** Per site: how current the above is. */
  sites: z.array(
    z.object({
      siteId: SiteIdSchema,
      siteName: z.string(),
      signedIn: z.boolean(),
      /** Unix ms when the watcher last finished a look at the site; null before the first. */
      checkedAt: z.number().nullable(),
      /** The last look failed because the site could not be reached: the dates are the last ones seen. */
      unreachable: z.boolean(),
      /** The last look's failure as one sentence, or null. */
      problem: z.string().nullable(),
    }),
  ),
  /** True while the watcher is still looking (more will come as `openedx:upcoming-changed`). */
  refreshing: z.boolean(),
});
/** @see OpenedxOverviewSchema */
export type OpenedxOverview = z.infer<typeof OpenedxOverviewSchema>;

/** What `openedx:demo-start` returns. */
export const OpenedxDemoInfoSchema = z.object({
  site: OpenedxSiteViewSchema,
  users: z.array(z.object({ username: z.string(), email: z.string(), password: z.string() })),
});
/** @see OpenedxDemoInfoSchema */
export type OpenedxDemoInfo = z.infer<typeof OpenedxDemoInfoSchema>;
