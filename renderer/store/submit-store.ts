/**
 * One submission attempt: the picked file, the upload's progress, and its end.
 *
 * Nothing lost, nothing doubled (design.md): a failed submit is never retried
 * on its own. Main owns every submit and journals it (issue 10): this store only
 * shows it. After a reload it finds its upload in main's journal (`resume`) and
 * follows it by `submit:journal` events; whether an attempt landed is decided
 * by main on the server's clock, never here by file name (Autolab renames every
 * version `<version>_<handin_filename>`).
 */
import { create } from 'zustand';
import type { AssessmentRef, AutolabApi, SubmitJournalEntry } from '../../preload/contract';
import { prepareFile, PrepareCancelled, type Preparation } from '../ipc/prepare-file';
import { errorSentence, requireApi } from './app-store';
import { useAssessment } from './assessment-store';

/** Where the attempt stands. */
export type SubmitPhase =
  | { kind: 'idle' }
  | { kind: 'picked' }
  | { kind: 'uploading'; step: 'staging' | 'sending'; sent: number; total: number }
  | { kind: 'submitted'; version: number }
  | { kind: 'failed'; message: string; landed: 'yes' | 'no'; version: number | null }
  /** Main could not tell whether it arrived; the message says what was seen and what to do. */
  | { kind: 'uncertain'; message: string; version: number | null }
  | { kind: 'checking'; message: string }
  | { kind: 'check-failed'; message: string; checkError: string }
  | { kind: 'cancelled' };

/** Submit state. */
export interface SubmitState {
  file: File | null;
  phase: SubmitPhase;
  /** A sentence refusing what was dropped (e.g. a folder). */
  refusal: string | null;
  uploadId: string | null;
  /** The assessment of the current attempt. */
  ref: AssessmentRef | null;
  /** The attempt was found in main's journal after a reload (no `submit:start` answer will come here). */
  resumed: boolean;
  pick(file: File): void;
  refuse(sentence: string): void;
  clear(): void;
  upload(ref: AssessmentRef, hasAutograder: boolean): Promise<void>;
  cancel(): Promise<void>;
  /** Ask main's journal what became of the last attempt (never re-sends). */
  check(): Promise<void>;
  /** After a reload: show an upload main is still running for this assessment. */
  resume(ref: AssessmentRef): Promise<void>;
  listen(api: AutolabApi): () => void;
}

function newUploadId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let preparation: Preparation | null = null;
/** A finished submit no page has shown is shown on its assessment page for this long. */
const RECENT_MS = 15 * 60_000;

/** The submit store. */
export const useSubmit = create<SubmitState>((set, get) => {
  /** Show a journal entry: its progress while sending, its outcome when done. */
  function show(entry: SubmitJournalEntry): void {
    if (entry.state === 'sending') {
      set({ phase: { kind: 'uploading', step: 'sending', sent: entry.sent, total: entry.total || entry.fileSize || 0 } });
      return;
    }
    const o = entry.outcome;
    if (!o) return;
    void requireApi().submitDismiss({ id: entry.id }).catch(() => undefined);
    if (o.code === 'submitted' && o.version !== null) set({ phase: { kind: 'submitted', version: o.version } });
    else if (o.code === 'cancelled' && o.landed === 'no') set({ phase: { kind: 'cancelled' } });
    else if (o.landed === 'unknown') set({ phase: { kind: 'uncertain', message: o.message, version: o.version } });
    else set({ phase: { kind: 'failed', message: o.message, landed: o.landed, version: o.version } });
    if (o.landed !== 'no') void useAssessment.getState().refreshSubmissions().catch(() => undefined);
  }

  return {
    file: null,
    phase: { kind: 'idle' },
    refusal: null,
    uploadId: null,
    ref: null,
    resumed: false,

    pick(file) {
      set({ file, phase: { kind: 'picked' }, refusal: null });
    },
    refuse(sentence) {
      set({ refusal: sentence });
    },
    clear() {
      set({ file: null, phase: { kind: 'idle' }, refusal: null, uploadId: null, ref: null, resumed: false });
    },

    async upload(ref, hasAutograder) {
      const file = get().file;
      if (!file) return;
      const uploadId = newUploadId();
      set({ uploadId, ref, resumed: false, refusal: null, phase: { kind: 'uploading', step: 'staging', sent: 0, total: file.size } });
      try {
        preparation = prepareFile(file, (sent, total) => {
          if (get().uploadId === uploadId) set({ phase: { kind: 'uploading', step: 'staging', sent, total } });
        });
        const prepared = await preparation.done;
        preparation = null;
        set({ phase: { kind: 'uploading', step: 'sending', sent: 0, total: file.size } });
        const result = await requireApi().submitStart({ ...ref, uploadId, file: prepared });
        // Shown here: a reloaded page need not show it again.
        void requireApi().submitDismiss({ id: uploadId }).catch(() => undefined);
        if (result.outcome === 'submitted') {
          set({ phase: { kind: 'submitted', version: result.version } });
          useAssessment.getState().upsertSubmission({
            version: result.version,
            filename: result.filename,
            createdAt: new Date().toISOString(),
            scores: {},
            total: null,
            grading: hasAutograder,
          });
          await useAssessment.getState().refreshSubmissions().catch(() => undefined);
        } else if (result.outcome === 'cancelled') {
          set({ phase: { kind: 'cancelled' } });
        } else if (result.landed === 'unknown') {
          set({ phase: { kind: 'uncertain', message: result.message, version: result.version } });
          await useAssessment.getState().refreshSubmissions().catch(() => undefined);
        } else {
          set({ phase: { kind: 'failed', message: result.message, landed: result.landed, version: result.version } });
          if (result.landed === 'yes') await useAssessment.getState().refreshSubmissions().catch(() => undefined);
        }
      } catch (err) {
        preparation = null;
        if (err instanceof PrepareCancelled) {
          set({ phase: { kind: 'cancelled' } });
        } else if (get().phase.kind === 'uploading' && (get().phase as { step: string }).step === 'staging') {
          // Nothing reached Autolab yet: safe to offer a retry.
          set({ phase: { kind: 'failed', message: errorSentence(err), landed: 'no', version: null } });
        } else {
          set({ phase: { kind: 'checking', message: errorSentence(err) } });
          await get().check();
        }
      }
    },

    async cancel() {
      const { phase, uploadId } = get();
      if (phase.kind !== 'uploading' || !uploadId) return;
      if (phase.step === 'staging' && preparation) {
        preparation.cancel();
        return;
      }
      try {
        await requireApi().submitCancel({ uploadId });
      } catch {
        // The submit's own answer tells what happened.
      }
    },

    async check() {
      const { phase, uploadId, ref } = get();
      const message = phase.kind === 'checking' || phase.kind === 'check-failed' ? phase.message : '';
      if (!uploadId || !ref) return;
      set({ phase: { kind: 'checking', message } });
      try {
        const entry = (await requireApi().submitJournal({ accountId: ref.accountId })).find((e) => e.id === uploadId);
        if (!entry) {
          // Main never journaled it, so it never started the upload.
          set({ phase: { kind: 'failed', message: message || 'The submission did not start.', landed: 'no', version: null } });
          return;
        }
        set({ resumed: entry.state === 'sending' });
        show(entry);
      } catch (err) {
        set({ phase: { kind: 'check-failed', message, checkError: errorSentence(err) } });
      }
    },

    async resume(ref) {
      try {
        const entries = await requireApi().submitJournal({ accountId: ref.accountId });
        const here = entries.filter((e) => e.course === ref.course && e.assessment === ref.assessment);
        // Still on its way, or finished while no page was showing it (reconciled ones are banners of their own).
        const entry = here.find((e) => e.state === 'sending') ??
          here.find((e) => e.state === 'done' && !e.acknowledged && e.outcome?.reconciled === false && Date.now() - (e.finishedAt ?? 0) < RECENT_MS);
        if (!entry || get().uploadId) return;
        set({ uploadId: entry.id, ref, resumed: true, file: null });
        show(entry);
      } catch {
        // Nothing to resume when the journal cannot be read (signed out).
      }
    },

    listen(api) {
      const offProgress = api.on('submit:progress', (p) => {
        const { uploadId, phase } = get();
        if (p.uploadId === uploadId && phase.kind === 'uploading') {
          set({ phase: { kind: 'uploading', step: 'sending', sent: p.sent, total: p.total } });
        }
      });
      // A resumed attempt has no `submit:start` answer here: its journal entry tells how it ends.
      const offJournal = api.on('submit:journal', (entry) => {
        if (entry.id === get().uploadId && get().resumed) show(entry);
      });
      return () => {
        offProgress();
        offJournal();
      };
    },
  };
});
