/**
 * The open assessment: its detail (cached) and its submissions, kept live.
 *
 * Submissions change after a submit and while the autograder runs
 * (`grading:update` events from main's gentle polling), so they live apart
 * from the cached detail and are merged by version.
 */
import { create } from 'zustand';
import type { AssessmentDetail, AssessmentRef, AutolabApi, SubmissionView } from '../../preload/contract';
import { requireApi } from './app-store';
import { loadCachedFirst, type Cached, type Query } from './courses-store';

/** Assessment page state. */
export interface AssessmentState {
  ref: AssessmentRef | null;
  loading: boolean;
  error: string | null;
  detail: Cached<AssessmentDetail> | null;
  /** True while `detail` is the copy cached on disk and the fresh answer is on its way. */
  refreshing: boolean;
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
  refreshing: false,
  submissions: [],

  /**
   * Cached first (issue 10 item 6): the bundle cached on disk is shown at
   * once while the three requests run, and the fresh answer replaces it.
   */
  async load(ref) {
    const keep = sameRef(get().ref, ref);
    set({ ref, loading: true, error: null, ...(keep ? {} : { detail: null, submissions: [] }) });
    const { accountId, course, assessment } = ref;
    await loadCachedFirst<AssessmentDetail>(
      `assessment|${accountId}/${course}/${assessment}`,
      (): Query<AssessmentDetail> | undefined => (sameRef(get().ref, ref) ? { loading: get().loading, error: get().error, result: get().detail, refreshing: get().refreshing } : undefined),
      (q) => {
        if (!sameRef(get().ref, ref)) return;
        const fresh = q.result !== get().detail;
        set({
          loading: q.loading,
          error: q.error,
          detail: q.result,
          refreshing: q.refreshing ?? false,
          ...(fresh && q.result ? { submissions: newestFirst(q.result.data.submissions) } : {}),
        });
      },
      (source) => requireApi().assessmentGet({ accountId, course, assessment, source }),
    );
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
