/**
 * Build the main-process core once, for any host.
 *
 * The Electron shell and the web host both call `createCore` with their own
 * `Platform`; everything behind it is plain Node (design.md "Two hosts, one
 * core"). This is the only place services are wired together.
 */
import { GrantedFiles } from './files/granted-files';
import { uploadedTextReader } from './files/uploaded-text';
import { ensurePrivateDir } from './storage/private-dir';
import os from 'node:os';
import path from 'node:path';
import type { HostKind } from '../preload/contract';
import { AccountsService } from './accounts/accounts-service';
import { DemoService } from './accounts/demo-service';
import { SignInService } from './accounts/sign-in-service';
import { ClassService } from './instructor/class-service';
import { RosterBulk } from './instructor/roster-bulk';
import { UrlAllowList } from './accounts/url-allow-list';
import { AppNotices } from './app-notices';
import { EventBus } from './events';
import { StagedFiles } from './files/staged-files';
import { createIpcRouter, type Handlers, type IpcRouter } from './ipc/ipc-router';
import { RosterService } from './instructor/roster-service';
import { ScoresService } from './instructor/scores-service';
import type { Logger } from './logger';
import type { Platform } from './platform';
import { chooseSecretStore, type ChooseSecretStoreOptions } from './secrets/choose-secret-store';
import { AppSettingsService } from './app-settings/app-settings-service';
import { OverviewService } from './student/overview-service';
import { acquireInstanceLock } from './storage/instance-lock';
import { sweepLeftovers } from './storage/leftover-sweep';
import { AutograderFailures } from './student/assessment-facts';
import { StudentService } from './student/student-service';
import { SubmitJournal } from './submit/submit-journal';
import { SubmitService } from './submit/submit-service';
import { WatcherService } from './watcher/watcher-service';
import { OpenedxService } from './openedx/openedx-service';
import { OpenedxDemo } from './openedx/openedx-demo';
import { OPENEDX_BUDGET_LIMITS, OpenedxWatcher, openedxCalendarEntries } from './openedx/openedx-watcher';
import { openedxOverview } from './openedx/openedx-watch-state';
import { RequestBudget } from './watcher/request-budget';
import { LametricFeature } from './lametric/lametric-feature';

/** What a host hands the core. */
export interface CoreOptions {
  platform: Platform;
  /** Folder for non-secret app data (settings, cache). */
  dataDir: string;
  /** The app's version, from package.json. */
  version: string;
  log: Logger;
  /** How secrets are kept; the default tries the OS keychain (keytar), then memory. */
  secrets?: Omit<ChooseSecretStoreOptions, 'dataDir' | 'log'>;
  /** Milliseconds without progress before "Autolab is not answering" (default 10 000; tests shorten it). */
  stallMs?: number;
  /** Milliseconds a download may receive nothing before it stops (default 30 000; tests shorten it). */
  downloadIdleMs?: number;
  /** Folders where half downloads of a crashed run may lie (default: ~/Downloads). */
  downloadDirs?: string[];
}

/** The running core: its router, its event bus, and a way to stop it. */
export interface Core {
  router: IpcRouter;
  events: EventBus;
  host: HostKind;
  stagedFiles: StagedFiles;
  /** Paths the user handed over in the Electron window (the only ones `submit:start` reads). */
  grantedFiles: GrantedFiles;
  accounts: AccountsService;
  /** Grades, deadlines, notifications and the tray's data (issue 6). */
  watcher: WatcherService;
  /** Open edX sites (issue 13). */
  openedx: OpenedxService;
  /** The embedded demo Open edX. */
  openedxDemo: OpenedxDemo;
  /** Grade changes and deadlines of Open edX sites. */
  openedxWatcher: OpenedxWatcher;
  /** The LaMetric desk clock (issue 14). */
  lametric: LametricFeature;
  dispose(): Promise<void>;
}

/**
 * How often the Open edX watcher looks at each site: `AUTOLAB_OPENEDX_SCAN_SECONDS`
 * (at least 5; end-to-end tests use it), else 10 minutes.
 */
export function openedxScanMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.AUTOLAB_OPENEDX_SCAN_SECONDS ?? 0);
  return Number.isFinite(s) && s >= 5 ? s * 1000 : 600_000;
}

/** Compose the services and their IPC handlers. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { platform, dataDir } = options;
  const startedAt = Date.now();
  // Private to the user (issue 11 item 8): cache file names reveal course names.
  await ensurePrivateDir(dataDir);
  // One instance per data folder (issue 10 item 4): refused here, before anything is read or written.
  const lock = await acquireInstanceLock(dataDir, platform.kind);
  try {
    return await composeCore(options, startedAt, lock.release);
  } catch (err) {
    await lock.release();
    throw err;
  }
}

async function composeCore(options: CoreOptions, startedAt: number, releaseLock: () => Promise<void>): Promise<Core> {
  const { platform, dataDir, log } = options;
  // (the lock is taken by createCore; everything below runs as the folder's only instance)
  const swept = await sweepLeftovers({ dataDir, startedAt, downloadDirs: options.downloadDirs ?? [path.join(os.homedir(), 'Downloads')] });
  if (swept.files) log.info('removed leftovers of an earlier run', { ...swept });
  const events = new EventBus();
  const notices = new AppNotices(events);
  const onDataProblem = (sentence: string) => {
    log.warn('a data file could not be used', { sentence });
    notices.add(sentence);
  };
  const allowList = new UrlAllowList();
  const chosen = await chooseSecretStore({ ...options.secrets, dataDir, log });
  const accounts = new AccountsService({
    dataDir,
    secrets: chosen.store,
    secretKind: chosen.store.kind,
    secretWarning: chosen.warning ?? null,
    events,
    allowList,
    log,
    version: options.version,
    onDataProblem,
    ...(options.stallMs !== undefined ? { stallMs: options.stallMs } : {}),
    ...(options.downloadIdleMs !== undefined ? { downloadIdleMs: options.downloadIdleMs } : {}),
  });
  await accounts.start();
  const demo = new DemoService(accounts, dataDir, log);
  // A demo account from an earlier run needs its server back before it can be used.
  if (accounts.store.list().some((r) => r.isDemo)) await demo.start().catch(() => undefined);
  const openedx = new OpenedxService({ dataDir, secrets: chosen.store, log, userAgent: `AutolabDesktop/${options.version}`, events, allowList, platform, onDataProblem });
  // The sites are read at first use. Readers of the loaded list (calendar export, Upcoming) wait for that read;
  // an unreadable list is said by openedx:list, and Autolab's part still answers.
  const openedxSitesRead = () => openedx.start().catch(() => undefined);
  const openedxDemo = new OpenedxDemo(openedx, dataDir, log);
  openedxDemo.resumeWhenUsed();
  const signIn = new SignInService(accounts, platform, events, allowList, log);
  const stagedFiles = new StagedFiles(path.join(dataDir, 'staging'));
  const grantedFiles = new GrantedFiles();
  let openedxWatcher: OpenedxWatcher | null = null;
  const watcher = new WatcherService({
    dataDir,
    accounts,
    platform,
    events,
    log,
    onDataProblem,
    userAgent: `AutolabDesktop/${options.version}`,
    extraCalendarEntries: async () => {
      await openedxSitesRead();
      return openedxCalendarEntries(openedxWatcher?.deadlines() ?? [], openedx.store.list());
    },
  });
  await watcher.start();
  openedxWatcher = new OpenedxWatcher({
    sessions: () => openedx.activeSessions(),
    fetchCourse: (s, courseKey) => openedx.watchCourse(s, courseKey),
    store: watcher.store,
    settings: watcher.settings,
    // Through the watcher service, so Open edX events reach the same listeners (the LaMetric clock) as Autolab's.
    notifier: { deliver: (items, mode) => watcher.deliver(items, mode), changed: () => watcher.notifier.changed() },
    // The same budget mechanism, with Open edX's own limits (openedx-watcher.ts).
    budget: new RequestBudget(OPENEDX_BUDGET_LIMITS),
    dataDir,
    log,
    scanEveryMs: openedxScanMs(),
    onDataProblem,
    onChanged: () => events.emit('openedx:upcoming-changed', edxOverview()),
  });
  const edxOverview = () => {
    const { known, problems } = openedxWatcher!.snapshot();
    return openedxOverview(known, openedx.list(), problems, openedxWatcher!.looking, Date.now());
  };
  await openedxWatcher.start();
  const edxWatcher = openedxWatcher;
  const detachOpenedx = events.attach((event) => {
    if (event !== 'openedx:changed') return;
    edxWatcher.poke();
    // Upcoming's rows of a removed or signed-out site change at once, before any look.
    queueMicrotask(() => events.emit('openedx:upcoming-changed', edxOverview()));
  });
  const lametric = new LametricFeature({
    dataDir,
    secrets: chosen.store,
    events,
    settings: watcher.settings,
    log,
    onDataProblem,
    openExternal: (url) => platform.openExternal(url),
  });
  const stopClock = watcher.onDeliver((items) => void lametric.deliver(items));
  const appSettings = new AppSettingsService({ dataDir, platform });
  await appSettings.start();
  const overview = new OverviewService({
    sessions: () => accounts.activeSessions(),
    serverName: (id) => accounts.viewOf(id).serverName,
    budget: watcher.watcher.budget,
    events,
    log,
  });
  const autograderFailures = new AutograderFailures();
  const journal = new SubmitJournal(dataDir, log, (entry) => events.emit('submit:journal', entry));
  await journal.load(onDataProblem);
  const submits = new SubmitService({ session: (id) => accounts.session(id), events, staged: stagedFiles, granted: grantedFiles, journal, grading: watcher.watcher, autograderFailures, log });
  const student = new StudentService({
    session: (id) => accounts.session(id),
    events,
    allowList,
    grading: watcher.watcher,
    autograderFailures,
    chooseFolder: () => appSettings.folderForDownload(),
    log,
  });
  const instructorDeps = { session: (id: string) => accounts.session(id), scopes: (id: string) => accounts.viewOf(id).scopes };
  const roster = new RosterService({ ...instructorDeps, events, log, readUploaded: uploadedTextReader(stagedFiles, grantedFiles) });
  const scores = new ScoresService(instructorDeps);
  const classes = new ClassService(instructorDeps);
  const bulk = new RosterBulk({ ...instructorDeps, events });

  const watcherHandlers = watcher.handlers();
  const handlers: Handlers = {
    'app:get-info': () => ({ name: 'Autolab Desktop', version: options.version, host: platform.kind, platform: process.platform }),
    'app:notices': () => notices.take(),
    'network:cancel': ({ accountId }) => ({ cancelled: accounts.cancelRequests(accountId) }),
    'accounts:list': () => accounts.list(),
    'accounts:add-server': (input) => accounts.addServer(input),
    'accounts:remove': ({ accountId }) => accounts.remove(accountId),
    'demo:start': () => demo.start(),
    'auth:sign-in': async ({ accountId, method, instructorAccess }) => {
      if (instructorAccess) await accounts.requestInstructorAccess(accountId);
      return signIn.start(accountId, method);
    },
    'auth:cancel': ({ accountId }) => signIn.cancel(accountId),
    'auth:sign-out': ({ accountId }) => accounts.signOut(accountId),
    'shell:open-url': async ({ url }) => ({ opened: allowList.allows(url) && (await platform.openExternal(url)) }),
    'courses:list': (input) => student.courses(input),
    'assessments:list': (input) => student.assessments(input),
    'assessment:get': (input) => student.assessment(input),
    'submissions:list': (input) => student.submissions(input),
    'feedback:get': (input) => student.feedback(input),
    'submit:start': (input) => submits.start(input),
    'submit:cancel': (input) => submits.cancel(input),
    'submit:journal': (input) => submits.journal(input),
    'submit:dismiss': (input) => submits.dismiss(input),
    'assessment:download': async (input) => {
      const result = await student.download(input);
      if (result.kind === 'file') appSettings.rememberSaved(result.savedTo);
      return result;
    },
    'download:cancel': (input) => student.cancelDownload(input),
    ...watcherHandlers,
    'calendar:export': async () => {
      const result = await watcherHandlers['calendar:export']();
      if (result.kind === 'saved') appSettings.rememberSaved(result.path);
      return result;
    },
    'roster:list': (input) => roster.list(input),
    'roster:add': (input) => roster.add(input),
    'roster:update': (input) => roster.update(input),
    'roster:drop': (input) => roster.drop(input),
    'roster:export': (input) => roster.exportCsv(input),
    'roster:import-preview': (input) => roster.preview(input),
    'roster:import-apply': (input) => roster.apply(input),
    'roster:import-cancel': (input) => roster.cancel(input),
    'scores:list': (input) => scores.list(input),
    'scores:export': (input) => scores.exportCsv(input),
    'scores:update-latest': (input) => scores.updateLatest(input),
    ...lametric.handlers(),
    'overview:get': (input) => overview.get(input),
    'overview:cancel': (input) => overview.cancel(input),
    'app:settings-get': () => appSettings.get(),
    'app:settings-set': () => appSettings.reset(),
    'app:choose-downloads': () => appSettings.chooseDownloads(),
    'cache:info': () => appSettings.cacheInfo(),
    'cache:clear': () => appSettings.clearCache(),
    'shell:show-in-folder': ({ path: file }) => appSettings.showInFolder(file),
    'class:view': (input) => classes.view(input),
    'groups:list': (input) => classes.groups(input),
    'groups:settings': (input) => classes.settings(input),
    'groups:create': (input) => classes.create(input),
    'groups:delete': (input) => classes.deleteGroup(input),
    'problems:add': (input) => classes.addProblem(input),
    'roster:bulk': (input) => bulk.run(input),
    'roster:bulk-cancel': (input) => bulk.cancel(input),
    'openedx:list': async () => (await openedx.start(), openedx.list()),
    'openedx:add-site': (input) => openedx.addSite(input),
    'openedx:remove': ({ siteId }) => openedx.remove(siteId),
    'openedx:sign-in': ({ siteId }) => openedx.signIn(siteId),
    'openedx:demo-start': () => openedxDemo.start(),
    'openedx:courses': (input) => openedx.courses(input),
    'openedx:course': (input) => openedx.course(input),
    // Cache first (the watcher's last look); `network` asks the watcher to look at stale sites within its own budget.
    'openedx:upcoming': async ({ source }) => {
      await openedxSitesRead();
      if (source === 'network') await edxWatcher.refresh();
      return edxOverview();
    },
  };

  return {
    router: createIpcRouter(handlers, log),
    events,
    host: platform.kind,
    stagedFiles,
    grantedFiles,
    accounts,
    watcher,
    openedx,
    openedxDemo,
    openedxWatcher: edxWatcher,
    lametric,
    async dispose() {
      stopClock();
      lametric.cloud.cancel();
      detachOpenedx();
      await edxWatcher.dispose();
      openedx.dispose();
      await openedxDemo.dispose();
      await watcher.dispose();
      signIn.dispose();
      student.dispose();
      submits.dispose();
      await journal.flush();
      roster.dispose();
      bulk.dispose();
      await stagedFiles.clear();
      await demo.dispose();
      await releaseLock();
    },
  };
}
