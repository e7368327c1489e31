/**
 * The open assessment: its detail (cached) and its submissions, kept live.
 *
 * Submissions change after a submit and while the autograder runs
 * (`grading:update` events from main's gentle polling), so they live apart
 * from the cached detail and are merged by version.
 */
import { create } from 'zustand';
import type { AssessmentDetail, AssessmentRef, AutolabApi, SubmissionView } from '../../preload/contract';
import { errorSentence, requireApi } from './app-store';
import type { Cached } from './courses-store';

/** Assessment page state. */
export interface AssessmentState {
  ref: AssessmentRef | null;
  loading: boolean;
  error: string | null;
  detail: Cached<AssessmentDetail> | null;
  /** Newest first. */
  submissions: SubmissionView[];
  load(ref: AssessmentRef): Promise<void>;
  /** Re-list the submissions; resolves to the fresh list. @throws ApiCallError */
  refreshSubmissions(): Promise<SubmissionView[]>;
  upsertSubmission(submission: SubmissionView): void;
  /** Subscribe to `grading:update`; returns the unsubscribe function. */
  listen(api: AutolabApi): () => void;
}

const sameRef = (a: AssessmentRef | null, b: AssessmentRef) =>
  !!a && a.accountId === b.accountId && a.course === b.course && a.assessment === b.assessment;

const newestFirst = (list: SubmissionView[]) => [...list].sort((a, b) => b.version - a.version);

/** The assessment store. */
export const useAssessment = create<AssessmentState>((set, get) => ({
  ref: null,
  loading: false,
  error: null,
  detail: null,
  submissions: [],

  async load(ref) {
    const keep = sameRef(get().ref, ref);
    set({ ref, loading: true, error: null, ...(keep ? {} : { detail: null, submissions: [] }) });
    try {
      const detail = await requireApi().assessmentGet(ref);
      if (!sameRef(get().ref, ref)) return;
      set({ detail, submissions: newestFirst(detail.data.submissions), loading: false });
    } catch (err) {
      if (sameRef(get().ref, ref)) set({ loading: false, error: errorSentence(err) });
    }
  },

  async refreshSubmissions() {
    const ref = get().ref;
    if (!ref) return [];
    const list = newestFirst(await requireApi().submissionsList(ref));
    if (sameRef(get().ref, ref)) set({ submissions: list });
    return list;
  },

  upsertSubmission(submission) {
    set((s) => {
      const was = s.submissions.find((x) => x.version === submission.version);
      // A version saved without autograding stays so until a score really arrives (no "Grading…" forever).
      const next = was?.autograderDidNotRun && submission.grading ? { ...submission, grading: false, autograderDidNotRun: true } : submission;
      return { submissions: newestFirst([...s.submissions.filter((x) => x.version !== submission.version), next]) };
    });
  },

  listen(api) {
    return api.on('grading:update', (update) => {
      if (sameRef(get().ref, update)) get().upsertSubmission(update.submission);
    });
  },
}));
