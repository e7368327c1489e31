/**
 * The submit channels: main owns every submit, journals it, and tells whoever is listening how it goes.
 *
 * Why: issue 10 item 3. The renderer only asks and listens (`submit:journal` events), so a reloaded page finds its
 * upload with its progress; an upload left unfinished by a crash is reconciled against the submissions list and the
 * user is told the outcome in one sentence; a second submit to the same assessment while one is in flight is
 * refused here, not just by a disabled button (two clicks made two POSTs). The upload itself follows the
 * submit-safety protocol of main/autolab/submit.ts (never retried blindly).
 */
import { stat } from 'node:fs/promises';
import type { ChannelInput, ChannelOutput, SubmitJournalEntry } from '../../preload/contract';
import type { AccountSession } from '../accounts/account-session';
import type { EventBus } from '../events';
import type { StagedFiles } from '../files/staged-files';
import type { GrantedFiles } from '../files/granted-files';
import type { Logger } from '../logger';
import { localClockTime } from '../autolab/submit-verdict';
import { answerKey } from '../autolab/shared-answers';
import { UserError } from '../user-error';
import type { GradingFollower } from '../student/student-service';
import { assessmentFacts, type AutograderFailures } from '../student/assessment-facts';
import { learnFromRefusal, readSubmitLimits, refusalBeforeUpload } from '../student/submit-limits';
import { reconcileEntry } from './submit-reconcile';
import type { SubmitJournal } from './submit-journal';

/** What the submit service needs. */
export interface SubmitServiceDeps {
  /** The signed-in session of an account. @throws UserError `signed-out`. */
  session(accountId: string): Promise<AccountSession>;
  events: EventBus;
  staged: StagedFiles;
  /** Paths the user handed over in the Electron window (issue 11 item 2); the web host grants none. */
  granted: GrantedFiles;
  journal: SubmitJournal;
  grading: GradingFollower;
  /** Versions whose autograding failed to start, shown as such instead of "Grading…" (item 7). */
  autograderFailures: AutograderFailures;
  log: Logger;
  /** Wait for the answer after the last byte this long (default 120 s). */
  responseTimeoutMs?: number;
}

const keyOf = (e: { accountId: string; course: string; assessment: string }) => `${e.accountId}\n${e.course}\n${e.assessment}`;

/** The `submit:*` channels. */
export class SubmitService {
  /** Uploads running in this process, by uploadId. */
  private readonly live = new Map<string, AbortController>();
  /** Assessments with a submit in this process (claimed synchronously, before any await). */
  private readonly claimed = new Map<string, { uploadId: string; at: number }>();
  private reconciling: Promise<void> | null = null;

  constructor(private readonly deps: SubmitServiceDeps) {}

  /**
   * `submit:start`: upload once, journaled, with progress events, and say whether it landed.
   *
   * @throws UserError `submit-in-flight` when this assessment already has a submit on its way
   */
  async start(input: ChannelInput<'submit:start'>): Promise<ChannelOutput<'submit:start'>> {
    const key = keyOf(input);
    const running = this.claimed.get(key);
    if (running !== undefined) {
      const name = this.deps.journal.get(running.uploadId)?.assessmentName ?? 'this assessment';
      throw new UserError('submit-in-flight', `Your submission to ${name} from ${localClockTime(running.at)} is still on its way; wait for its outcome before you submit again.`);
    }
    if (this.live.has(input.uploadId) || this.deps.journal.get(input.uploadId)) throw new UserError('duplicate-upload', 'That upload is already running.');
    this.claimed.set(key, { uploadId: input.uploadId, at: Date.now() });
    try {
      return await this.run(input);
    } finally {
      this.claimed.delete(key);
      if (input.file.kind === 'staged') await this.deps.staged.discard(input.file.id);
    }
  }

  private async run(input: ChannelInput<'submit:start'>): Promise<ChannelOutput<'submit:start'>> {
    // The file first: a path nobody handed over is refused before anything else is asked (issue 11 item 2).
    let filePath: string;
    let fileName: string;
    if (input.file.kind === 'staged') {
      const staged = this.deps.staged.get(input.file.id);
      if (!staged) throw new UserError('file-missing', 'The dropped file is no longer available; drop it again.');
      filePath = staged.path;
      fileName = staged.name;
    } else {
      // Only a path the user handed over, still the same regular file (issue 11 item 2).
      filePath = await this.deps.granted.resolve(input.file.path);
      fileName = input.file.path.split(/[\\/]/).pop() ?? filePath;
    }
    const session = await this.deps.session(input.accountId);
    // What an earlier refusal taught (embedded quiz, size limit; issue 15): refuse before uploading.
    const size = await stat(filePath).then((st) => st.size, () => null);
    const refusal = size === null ? null : refusalBeforeUpload(await readSubmitLimits(session.cache, input.course, input.assessment), size);
    if (refusal) return { outcome: 'failed', message: refusal.message, landed: 'no', version: null };
    // An upload an earlier run left unfinished is decided first: it may be the very submission being repeated.
    await this.reconcile(input.accountId, (e) => e.course === input.course && e.assessment === input.assessment);
    const earlier = this.deps.journal.sending(input.accountId, input.course, input.assessment);
    if (earlier) {
      throw new UserError('submit-unresolved', `Autolab Desktop cannot yet tell whether your ${earlier.assessmentName} submission from ${localClockTime(earlier.startedAt)} arrived; try again when Autolab can be reached.`);
    }
    const facts = await assessmentFacts(session, input.course, input.assessment).catch(() => null);
    const now = Date.now();
    const responseTimeoutMs = this.deps.responseTimeoutMs ?? 120_000;
    const entry: SubmitJournalEntry = {
      id: input.uploadId, accountId: input.accountId, course: input.course, assessment: input.assessment,
      assessmentName: facts?.name ?? input.assessment, fileName, fileSize: null, sha256: null,
      startedAt: now, lastByteAt: null, updatedAt: now, responseTimeoutMs, before: null, clock: null,
      group: facts?.group ?? false, sent: 0, total: 0, state: 'sending', outcome: null, finishedAt: null, acknowledged: false,
    };
    try {
      await this.deps.journal.put(entry);
    } catch (err) {
      this.deps.log.warn('submit: the journal could not be written', { error: String(err) });
      throw new UserError('journal-unwritable', 'Autolab Desktop could not record this submit in its data folder, so it did not start it; check that the disk has free space and try again.');
    }
    const controller = new AbortController();
    this.live.set(input.uploadId, controller);
    let lastEmit = 0;
    try {
      const outcome = await session.client.submit(input.course, input.assessment, filePath, {
        signal: controller.signal,
        group: entry.group,
        responseTimeoutMs,
        onMilestone: async (m) => {
          if (m.kind === 'file') await this.deps.journal.update(entry.id, { fileSize: m.size, sha256: m.sha256 });
          else if (m.kind === 'listed') await this.deps.journal.update(entry.id, { before: m.before, clock: m.clock });
          else await this.deps.journal.update(entry.id, { lastByteAt: m.at });
        },
        onProgress: ({ sent, total }) => {
          const t = Date.now();
          if (sent === total || t - lastEmit >= 100) {
            lastEmit = t;
            this.deps.journal.touch(entry.id, { sent, total });
            this.deps.events.emit('submit:progress', { uploadId: input.uploadId, sent, total });
          }
        },
      });
      const landed = outcome.ok || outcome.landed === true ? 'yes' : outcome.landed === false ? 'no' : 'unknown';
      const version = outcome.ok ? outcome.version : (outcome.version ?? null);
      await this.deps.journal.update(entry.id, {
        state: 'done', finishedAt: Date.now(),
        outcome: { landed, version, code: outcome.ok ? 'submitted' : outcome.code, message: outcome.ok ? `Submitted as version ${outcome.version}.` : outcome.message, reconciled: false },
      });
      if (!outcome.ok) await learnFromRefusal(session.cache, input.course, input.assessment, outcome.code, outcome.message).catch(() => null);
      if (!outcome.ok && outcome.code === 'autograding-failed' && outcome.version !== undefined) {
        await this.deps.autograderFailures.add(session, input.course, input.assessment, outcome.version);
      }
      // A version landed (or may have): no screen may reuse the list from before it (issue 15's shared answers).
      if (landed !== 'no') session.answers?.forget(answerKey.submissions(input.course, input.assessment));
      if (landed === 'yes') this.deps.grading.follow(input.accountId, input.course, input.assessment, null);
      if (outcome.ok) return { outcome: 'submitted', version: outcome.version, filename: outcome.filename };
      if (outcome.code === 'cancelled' && outcome.landed === false) return { outcome: 'cancelled' };
      return { outcome: 'failed', message: outcome.message, landed, version: outcome.version ?? null };
    } finally {
      this.live.delete(input.uploadId);
    }
  }

  /** `submit:cancel`. */
  cancel({ uploadId }: ChannelInput<'submit:cancel'>): ChannelOutput<'submit:cancel'> {
    const controller = this.live.get(uploadId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  /** `submit:journal`: the account's submits, after reconciling those an earlier run left unfinished. */
  async journal({ accountId }: ChannelInput<'submit:journal'>): Promise<ChannelOutput<'submit:journal'>> {
    await this.reconcile(accountId, () => true);
    return this.deps.journal.list(accountId);
  }

  /** `submit:dismiss`. */
  async dismiss({ id }: ChannelInput<'submit:dismiss'>): Promise<ChannelOutput<'submit:dismiss'>> {
    const e = this.deps.journal.get(id);
    if (!e || e.state !== 'done') return { dismissed: false };
    await this.deps.journal.update(id, { acknowledged: true });
    return { dismissed: true };
  }

  /** Abort running uploads (app quit); their entries stay unfinished and are reconciled at the next start. */
  dispose(): void {
    for (const c of this.live.values()) c.abort();
    this.live.clear();
  }

  /** Decide the unfinished entries (not running here) of an account that match; one pass at a time. */
  private async reconcile(accountId: string, which: (e: SubmitJournalEntry) => boolean): Promise<void> {
    while (this.reconciling) await this.reconciling;
    const stale = this.deps.journal.list(accountId).filter((e) => e.state === 'sending' && !this.live.has(e.id) && which(e));
    if (!stale.length) return;
    this.reconciling = (async () => {
      // The session only when a list must be read (an upload that never began needs none, even signed out).
      let session: Promise<AccountSession> | null = null;
      for (const e of stale) {
        const outcome = await reconcileEntry(e, async () => {
          session ??= this.deps.session(accountId);
          return (await session).client.timedSubmissions(e.course, e.assessment);
        });
        if (!outcome) continue;
        this.deps.log.info('submit: reconciled an unfinished submit', { landed: outcome.landed });
        await this.deps.journal.update(e.id, { state: 'done', finishedAt: Date.now(), outcome });
        if (outcome.landed === 'yes') void this.deps.session(accountId).then((s) => s.answers?.forget(answerKey.submissions(e.course, e.assessment)), () => undefined);
        if (outcome.landed === 'yes') this.deps.grading.follow(accountId, e.course, e.assessment, null);
      }
    })().finally(() => (this.reconciling = null));
    await this.reconciling;
  }
}
