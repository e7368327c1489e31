/**
 * One submission attempt: the picked file, the upload's progress, and its end.
 *
 * Nothing lost, nothing doubled (design.md): a failed submit is never retried
 * on its own. When main cannot tell whether it landed, the submissions are
 * re-listed first and the user is told; only then is "Try again" offered.
 */
import { create } from 'zustand';
import type { AssessmentRef, AutolabApi, SubmissionView } from '../../preload/contract';
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
  pick(file: File): void;
  refuse(sentence: string): void;
  clear(): void;
  upload(ref: AssessmentRef, hasAutograder: boolean): Promise<void>;
  cancel(): Promise<void>;
  /** Re-list submissions to learn whether the last attempt landed (never re-sends). */
  check(): Promise<void>;
  listen(api: AutolabApi): () => void;
}

function newUploadId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let preparation: Preparation | null = null;
/** Versions that existed before the current attempt, to spot a landed one. */
let versionsBefore = new Set<number>();

/** The submit store. */
export const useSubmit = create<SubmitState>((set, get) => {
  /** The version the last attempt created, if the fresh list shows one. */
  function landedVersion(list: SubmissionView[]): number | null {
    const name = get().file?.name;
    const fresh = list.filter((s) => !versionsBefore.has(s.version) && (!name || s.filename.endsWith(name)));
    return fresh.length ? Math.max(...fresh.map((s) => s.version)) : null;
  }

  return {
    file: null,
    phase: { kind: 'idle' },
    refusal: null,
    uploadId: null,

    pick(file) {
      set({ file, phase: { kind: 'picked' }, refusal: null });
    },
    refuse(sentence) {
      set({ refusal: sentence });
    },
    clear() {
      set({ file: null, phase: { kind: 'idle' }, refusal: null, uploadId: null });
    },

    async upload(ref, hasAutograder) {
      const file = get().file;
      if (!file) return;
      const uploadId = newUploadId();
      versionsBefore = new Set(useAssessment.getState().submissions.map((s) => s.version));
      set({ uploadId, refusal: null, phase: { kind: 'uploading', step: 'staging', sent: 0, total: file.size } });
      try {
        preparation = prepareFile(file, (sent, total) => {
          if (get().uploadId === uploadId) set({ phase: { kind: 'uploading', step: 'staging', sent, total } });
        });
        const prepared = await preparation.done;
        preparation = null;
        set({ phase: { kind: 'uploading', step: 'sending', sent: 0, total: file.size } });
        const result = await requireApi().submitStart({ ...ref, uploadId, file: prepared });
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
          set({ phase: { kind: 'checking', message: result.message } });
          await get().check();
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
      const phase = get().phase;
      const message = phase.kind === 'checking' || phase.kind === 'check-failed' ? phase.message : '';
      set({ phase: { kind: 'checking', message } });
      try {
        const list = await useAssessment.getState().refreshSubmissions();
        const version = landedVersion(list);
        set({ phase: { kind: 'failed', message, landed: version === null ? 'no' : 'yes', version } });
      } catch (err) {
        set({ phase: { kind: 'check-failed', message, checkError: errorSentence(err) } });
      }
    },

    listen(api) {
      return api.on('submit:progress', (p) => {
        const { uploadId, phase } = get();
        if (p.uploadId === uploadId && phase.kind === 'uploading') {
          set({ phase: { kind: 'uploading', step: 'sending', sent: p.sent, total: p.total } });
        }
      });
    },
  };
});
