/**
 * The typed IPC contract between the renderer and the main process.
 *
 * This file is the single source of truth for every channel: its name, the zod
 * schema of its input and the type of its output. Main validates every input
 * with these schemas in one wrapper (`main/ipc/ipc-router.ts`); the preload
 * exposes one function per channel; the renderer imports only types and the
 * channel list from here. Nothing in this file may import Node or Electron.
 */
import { z } from 'zod';
import { CHANNEL_NAMES } from './bridge-names';

import {
  AccountIdSchema,
  AccountsListSchema,
  AccountViewSchema,
  AddServerInputSchema,
  AuthProgressSchema,
  DemoInfoSchema,
  SignInInputSchema,
} from './contract/accounts';
import {
  AssessmentDetailSchema,
  AssessmentRefSchema,
  AssessmentSummarySchema,
  cached,
  CourseViewSchema,
  DownloadInputSchema,
  DownloadResultSchema,
  FeedbackViewSchema,
  ListSourceSchema,
  NameSegmentSchema,
  SubmissionViewSchema,
  SubmitInputSchema,
  SubmitProgressSchema,
  SubmitJournalEntrySchema,
  SubmitResultSchema,
} from './contract/student';
import {
  ActivityListSchema,
  CalendarExportResultSchema,
  MarkReadInputSchema,
  NotificationPayloadSchema,
  NotificationTargetSchema,
  OpenedxTargetSchema,
  PauseInputSchema,
  WatcherSettingsPatchSchema,
  WatcherSettingsSchema,
} from './contract/watcher';
import {
  AddOpenedxSiteInputSchema,
  EdxCourseKeySchema,
  OpenedxCourseDetailSchema,
  OpenedxCourseViewSchema,
  OpenedxDemoInfoSchema,
  OpenedxSiteViewSchema,
  OpenedxOverviewSchema,
  SiteIdSchema,
} from './contract/openedx';
import {
  CourseRefSchema,
  CsvFileSchema,
  ImportIdInputSchema,
  ImportPreviewInputSchema,
  ImportPreviewSchema,
  ImportProgressSchema,
  ImportResultSchema,
  RosterAddInputSchema,
  RosterDropInputSchema,
  RosterEntrySchema,
  RosterSchema,
  RosterUpdateInputSchema,
  ScoresUpdateInputSchema,
  ScoreTableSchema,
} from './contract/instructor';
import { OverviewInputSchema, OverviewSchema } from './contract/overview';
import { AppSettingsPatchSchema, AppSettingsSchema, CacheInfoSchema, ShowInFolderInputSchema } from './contract/app-settings';
import {
  BulkCancelInputSchema,
  BulkProgressSchema,
  BulkResultSchema,
  CachedClassViewSchema,
  GroupDeleteInputSchema,
  GroupSettingsInputSchema,
  GroupsCreatedSchema,
  GroupsCreateInputSchema,
  GroupsViewSchema,
  ProblemAddedSchema,
  ProblemAddInputSchema,
  RosterBulkInputSchema,
} from './contract/class';
import {
  AcceptCertificateInputSchema,
  ClockOptionsInputSchema,
  CloudClockSchema,
  CloudConfigInputSchema,
  CloudPairInputSchema,
  CloudProgressSchema,
  DevicesViewSchema,
  IndicatorInputSchema,
  PairClockInputSchema,
} from './contract/devices';

export { API_GLOBAL, CHANNEL_NAMES, EVENT_CHANNEL, methodName } from './bridge-names';
export * from './contract/accounts';
export * from './contract/student';
export * from './contract/watcher';
export * from './contract/instructor';
export * from './contract/overview';
export * from './contract/app-settings';
export * from './contract/class';
export * from './contract/openedx';
export * from './contract/devices';

/** Which host runs the main-process core: the Electron shell or the web host. */
export const HostKindSchema = z.enum(['electron', 'web']);
/** @see HostKindSchema */
export type HostKind = z.infer<typeof HostKindSchema>;

/** What `app:get-info` returns. */
export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: HostKindSchema,
  platform: z.string(),
});
/** @see AppInfoSchema */
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** No input: the channel takes nothing (the renderer passes `undefined`). */
const NoInput = z.undefined();

/** One sentence the user should read once (issue 10 item 4). */
export const AppNoticeSchema = z.object({ id: z.string(), level: z.enum(['info', 'warning', 'error']), message: z.string() });
/** @see AppNoticeSchema */
export type AppNotice = z.infer<typeof AppNoticeSchema>;

/** A request of an account that made no progress for a while, or stopped being one. */
export const NetworkWaitingSchema = z.object({ accountId: z.string(), waiting: z.boolean(), sinceMs: z.number() });
/** @see NetworkWaitingSchema */
export type NetworkWaiting = z.infer<typeof NetworkWaitingSchema>;

/**
 * Every request/response channel: input schema (validated in main) and output
 * schema (documents the answer; checked in tests).
 */
export const channels = {
  'app:get-info': { input: NoInput, output: AppInfoSchema },
  'app:notices': { input: NoInput, output: z.array(AppNoticeSchema) },
  /** Stop waiting for the account's Autolab: cancels its requests now in flight (issue 10 item 6). */
  'network:cancel': { input: z.object({ accountId: AccountIdSchema }), output: z.object({ cancelled: z.number().int() }) },
  // Accounts and sign-in (issue 4)
  'accounts:list': { input: NoInput, output: AccountsListSchema },
  'accounts:add-server': { input: AddServerInputSchema, output: AccountViewSchema },
  'accounts:remove': { input: z.object({ accountId: AccountIdSchema }), output: AccountsListSchema },
  'demo:start': { input: NoInput, output: DemoInfoSchema },
  'auth:sign-in': { input: SignInInputSchema, output: z.object({ started: z.literal(true) }) },
  'auth:cancel': { input: z.object({ accountId: AccountIdSchema }), output: z.object({ cancelled: z.boolean() }) },
  'auth:sign-out': { input: z.object({ accountId: AccountIdSchema }), output: AccountViewSchema },
  'shell:open-url': { input: z.object({ url: z.string().max(4096) }), output: z.object({ opened: z.boolean() }) },
  // The student's day (issue 5)
  'courses:list': { input: z.object({ accountId: AccountIdSchema, source: ListSourceSchema }), output: cached(z.array(CourseViewSchema)) },
  'assessments:list': {
    input: z.object({ accountId: AccountIdSchema, course: NameSegmentSchema, source: ListSourceSchema }),
    output: cached(z.array(AssessmentSummarySchema)),
  },
  'assessment:get': { input: AssessmentRefSchema.extend({ source: ListSourceSchema }), output: cached(AssessmentDetailSchema) },
  'submissions:list': { input: AssessmentRefSchema, output: z.array(SubmissionViewSchema) },
  'feedback:get': { input: AssessmentRefSchema.extend({ version: z.number().int().positive(), source: ListSourceSchema }), output: FeedbackViewSchema },
  'submit:start': { input: SubmitInputSchema, output: SubmitResultSchema },
  'submit:cancel': { input: z.object({ uploadId: z.string().max(64) }), output: z.object({ cancelled: z.boolean() }) },
  /** Every submit main knows of for an account (in flight, or finished recently); unfinished ones of earlier runs are reconciled first. */
  'submit:journal': { input: z.object({ accountId: AccountIdSchema }), output: z.array(SubmitJournalEntrySchema) },
  /** The user has read a finished submit's outcome. */
  'submit:dismiss': { input: z.object({ id: z.string().max(64) }), output: z.object({ dismissed: z.boolean() }) },
  'assessment:download': { input: DownloadInputSchema, output: DownloadResultSchema },
  'download:cancel': { input: z.object({ downloadId: z.string().max(64) }), output: z.object({ cancelled: z.boolean() }) },
  // Tray and notifications (issue 6)
  'activity:list': { input: NoInput, output: ActivityListSchema },
  'activity:mark-read': { input: MarkReadInputSchema, output: ActivityListSchema },
  'settings:get': { input: NoInput, output: WatcherSettingsSchema },
  'settings:set': { input: WatcherSettingsPatchSchema, output: WatcherSettingsSchema },
  'notifications:pause': { input: PauseInputSchema, output: WatcherSettingsSchema },
  'calendar:export': { input: NoInput, output: CalendarExportResultSchema },
  // Instructors: roster and scores (issue 7)
  'roster:list': { input: CourseRefSchema, output: RosterSchema },
  'roster:add': { input: RosterAddInputSchema, output: RosterEntrySchema },
  'roster:update': { input: RosterUpdateInputSchema, output: RosterEntrySchema },
  'roster:drop': { input: RosterDropInputSchema, output: RosterEntrySchema },
  'roster:export': { input: CourseRefSchema, output: CsvFileSchema },
  'roster:import-preview': { input: ImportPreviewInputSchema, output: ImportPreviewSchema },
  'roster:import-apply': { input: ImportIdInputSchema, output: ImportResultSchema },
  'roster:import-cancel': { input: ImportIdInputSchema, output: z.object({ cancelled: z.boolean() }) },
  'scores:list': { input: AssessmentRefSchema, output: ScoreTableSchema },
  'scores:export': { input: AssessmentRefSchema, output: CsvFileSchema },
  'scores:update-latest': { input: ScoresUpdateInputSchema, output: ScoreTableSchema.shape.rows.element },
  // The semester overview and the Settings screen (issue 15)
  'overview:get': { input: OverviewInputSchema, output: OverviewSchema },
  'overview:cancel': { input: OverviewInputSchema.pick({ course: true }), output: z.object({ cancelled: z.boolean() }) },
  'app:settings-get': { input: NoInput, output: AppSettingsSchema },
  'app:settings-set': { input: AppSettingsPatchSchema, output: AppSettingsSchema },
  'app:choose-downloads': { input: NoInput, output: AppSettingsSchema },
  'cache:info': { input: NoInput, output: CacheInfoSchema },
  'cache:clear': { input: NoInput, output: CacheInfoSchema },
  'shell:show-in-folder': { input: ShowInFolderInputSchema, output: z.object({ shown: z.boolean() }) },
  // Instructors: the class view, groups, problems, bulk roster actions (issue 12)
  'class:view': { input: AssessmentRefSchema, output: CachedClassViewSchema },
  'groups:list': { input: AssessmentRefSchema, output: GroupsViewSchema },
  'groups:settings': { input: GroupSettingsInputSchema, output: GroupsViewSchema },
  'groups:create': { input: GroupsCreateInputSchema, output: GroupsCreatedSchema },
  'groups:delete': { input: GroupDeleteInputSchema, output: GroupsViewSchema },
  'problems:add': { input: ProblemAddInputSchema, output: ProblemAddedSchema },
  'roster:bulk': { input: RosterBulkInputSchema, output: BulkResultSchema },
  'roster:bulk-cancel': { input: BulkCancelInputSchema, output: z.object({ cancelled: z.boolean() }) },
  // Open edX sites (issue 13)
  'openedx:list': { input: NoInput, output: z.array(OpenedxSiteViewSchema) },
  'openedx:add-site': { input: AddOpenedxSiteInputSchema, output: OpenedxSiteViewSchema },
  'openedx:remove': { input: z.object({ siteId: SiteIdSchema }), output: z.array(OpenedxSiteViewSchema) },
  'openedx:sign-in': { input: z.object({ siteId: SiteIdSchema }), output: OpenedxSiteViewSchema },
  'openedx:demo-start': { input: NoInput, output: OpenedxDemoInfoSchema },
  'openedx:courses': { input: z.object({ siteId: SiteIdSchema, source: ListSourceSchema }), output: cached(z.array(OpenedxCourseViewSchema)) },
  'openedx:upcoming': { input: z.object({ source: z.enum(['cache', 'network']) }), output: OpenedxOverviewSchema },
  'openedx:course': { input: z.object({ siteId: SiteIdSchema, courseKey: EdxCourseKeySchema, source: ListSourceSchema }), output: cached(OpenedxCourseDetailSchema) },
  // Settings → Devices: a LaMetric desk clock (issue 14)
  'devices:get': { input: NoInput, output: DevicesViewSchema },
  'devices:pair': { input: PairClockInputSchema, output: DevicesViewSchema },
  'devices:set': { input: ClockOptionsInputSchema, output: DevicesViewSchema },
  'devices:unpair': { input: NoInput, output: DevicesViewSchema },
  'devices:test': { input: NoInput, output: DevicesViewSchema },
  'devices:accept-certificate': { input: AcceptCertificateInputSchema, output: DevicesViewSchema },
  'devices:cloud-configure': { input: CloudConfigInputSchema, output: DevicesViewSchema },
  'devices:cloud-find': { input: NoInput, output: z.array(CloudClockSchema) },
  'devices:cloud-cancel': { input: NoInput, output: z.object({ cancelled: z.boolean() }) },
  'devices:cloud-pair': { input: CloudPairInputSchema, output: DevicesViewSchema },
  'devices:cloud-sign-out': { input: NoInput, output: DevicesViewSchema },
  'devices:indicator-set': { input: IndicatorInputSchema, output: DevicesViewSchema },
  'devices:indicator-remove': { input: NoInput, output: DevicesViewSchema },
} as const;

/** A channel name of the contract. */
export type Channel = keyof typeof channels;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time check: the preload's name list and the contract agree. */
export const channelListMatches: Same<Channel, (typeof CHANNEL_NAMES)[number]> = true;
/** The input type of a channel. */
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
/** The output type of a channel. */
export type ChannelOutput<C extends Channel> = z.infer<(typeof channels)[C]['output']>;

/**
 * Events main pushes to the renderer (no answer expected). Payload schemas are
 * checked in main before sending.
 */
export const events = {
  /** A sentence to show once (a data file kept aside, a full disk…); also handed out by `app:notices`. */
  'app:notice': AppNoticeSchema,
  /** Autolab has not answered an account's request for a while (issue 10 item 6); `waiting: false` when it did. */
  'network:waiting': NetworkWaitingSchema,
  /** Whether an account's Autolab answered its last request (the offline banner clears itself). */
  'network:reachable': z.object({ accountId: z.string(), reachable: z.boolean() }),
  'accounts:changed': AccountsListSchema,
  'auth:progress': AuthProgressSchema,
  'submit:progress': SubmitProgressSchema,
  /** A submit's journal entry changed (started, progressed, finished, reconciled). */
  'submit:journal': SubmitJournalEntrySchema,
  /** A submission's scores or feedback changed while the autograder ran (polled gently in main). */
  'grading:update': AssessmentRefSchema.extend({ submission: SubmissionViewSchema }),
  /** A notification to show in the page (web host; Electron shows native ones). */
  'notification:show': NotificationPayloadSchema,
  /** Open this target now (a native notification or the tray was clicked). */
  'notification:open': NotificationTargetSchema,
  /** The activity list or its unseen count changed. */
  'activity:changed': ActivityListSchema,
  /** A roster import advanced by one row (or is waiting for the server's next rate window). */
  'roster:import-progress': ImportProgressSchema,
  /** A paced overview refresh moved on (issue 15): the overview as now known. */
  'overview:changed': OverviewSchema,
  /** A bulk roster action advanced (or is waiting for the server's next rate window). */
  'roster:bulk-progress': BulkProgressSchema,
  /** The Open edX sites changed (added, removed, signed in or out). */
  'openedx:changed': z.array(OpenedxSiteViewSchema),
  /** The Open edX watcher looked again (Upcoming's Open edX rows, the palette's courses). */
  'openedx:upcoming-changed': OpenedxOverviewSchema,
  /** Open this Open edX course now (a native notification or the tray was clicked). */
  'openedx:open': OpenedxTargetSchema,
  /** Browser sign-in to an Open edX site: the authorization URL to show with a Copy button (no secret in it). */
  'openedx:authorize-url': z.object({ siteId: SiteIdSchema, url: z.string() }),
  /** The paired clock, its last push or the cloud settings changed. */
  'devices:changed': DevicesViewSchema,
  /** "Find my clocks" advanced (the authorize URL is shown with a Copy button). */
  'devices:cloud-progress': CloudProgressSchema,
} as const;

/** An event name of the contract. */
export type EventName = keyof typeof events;
/** The payload type of an event. */
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** The error every failed call rejects with: one user sentence, plus a stable code. */
export const IpcErrorSchema = z.object({ code: z.string(), message: z.string() });
/** @see IpcErrorSchema */
export type IpcError = z.infer<typeof IpcErrorSchema>;


type CamelTail<S extends string> = S extends `${infer H}-${infer T}`
  ? `${Capitalize<H>}${CamelTail<T>}`
  : Capitalize<S>;
type MethodOf<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${CamelTail<B>}` : C;

/**
 * The API object the renderer sees (`window.autolab` in Electron, the WebSocket
 * client in the web host): one async function per channel, plus `on` for events.
 */
export type AutolabApi = {
  [C in Channel as MethodOf<C>]: (
    ...args: ChannelInput<C> extends undefined ? [] : [input: ChannelInput<C>]
  ) => Promise<ChannelOutput<C>>;
} & {
  /** Subscribe to a main-process event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What a raw transport call resolves to: the router's result, never a throw. */
export type IpcResult = { ok: true; output: unknown } | { ok: false; error: IpcError };

/**
 * The raw bridge the preload exposes on `window` in Electron: one function per
 * channel (no generic `invoke`), each resolving to an `IpcResult`, plus one
 * event subscription. The renderer's typed client unwraps it.
 */
export type RawBridge = {
  [C in Channel as MethodOf<C>]: (input?: unknown) => Promise<IpcResult>;
} & {
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** Electron only: the on-disk path of a dropped or picked file (webUtils.getPathForFile), registered with main; empty when refused. */
  pathForFile?(file: File): Promise<string>;
};


export { WS_PATH } from './contract-plain';

/** Wire messages of the web host's WebSocket (client to server). */
export const WsRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown().optional(),
});
/** @see WsRequestSchema */
export type WsRequest = z.infer<typeof WsRequestSchema>;

/** Wire messages of the web host's WebSocket (server to client). */
export type WsMessage =
  | { kind: 'result'; id: number; ok: true; output: unknown }
  | { kind: 'result'; id: number; ok: false; error: IpcError }
  | { kind: 'event'; event: string; payload: unknown }
  /** First message after a connection opened with a launch ticket: the session secret (issue 11 item 1). */
  | { kind: 'session'; secret: string };
