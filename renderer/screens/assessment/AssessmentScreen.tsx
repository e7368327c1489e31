/**
 * One assessment: what it is, when it is due, what it is worth, submitting,
 * and every version with its scores and feedback.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AssessmentRef } from '../../../preload/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { RefreshingNote, StaleBanner } from '../../components/StaleBanner';
import { StateChip } from '../../components/StateChip';
import { assessmentState } from '../../domain/assessment-state';
import { countdown } from '../../domain/countdown';
import { useNow } from '../../hooks/use-now';
import { useAppStore } from '../../store/app-store';
import { useAssessment } from '../../store/assessment-store';
import { useSubmit } from '../../store/submit-store';
import { AssessmentFacts } from './AssessmentFacts';
import { FeedbackDialog } from './FeedbackDialog';
import { ProblemsTable } from './ProblemsTable';
import { SubmissionsTable } from './SubmissionsTable';
import { SubmitPanel } from './SubmitPanel';
import { useInstructorAccess } from '../instructor/CourseTabs';
import { AddProblemForm } from './class/AddProblemForm';
import { ClassViewPanel } from './class/ClassViewPanel';
import { GroupsPanel } from './class/GroupsPanel';
import './class/class-view.css';

/** The assessment screen. */
export function AssessmentScreen({ accountId, course, assessment, feedback, intent }: AssessmentRef & { feedback?: { version: number; at: number }; intent?: 'submit' }) {
  const refOf = useMemo(() => ({ accountId, course, assessment }), [accountId, course, assessment]);
  const api = useAppStore((s) => s.api);
  const { detail, submissions, error, load, refreshing } = useAssessment();
  const now = useNow(30_000);
  const phase = useSubmit((s) => s.phase);
  // A refusal can teach the page something (an embedded quiz, the size limit): read the detail again.
  useEffect(() => {
    if (phase.kind === 'failed' && phase.landed === 'no') void load(refOf);
  }, [phase, load, refOf]);
  const [feedbackFor, setFeedbackFor] = useState<number | null>(null);
  // Instructors with instructor access see the class instead of their own submissions (issue 12).
  const teaches = useInstructorAccess(accountId, course)?.kind === 'allowed';
  // A clicked notification opens that version's feedback.
  useEffect(() => {
    if (feedback) setFeedbackFor(feedback.version);
  }, [feedback]);

  useEffect(() => {
    useSubmit.getState().clear();
    void load(refOf);
    // After a reload, an upload main is still running for this assessment shows again with its progress.
    void useSubmit.getState().resume(refOf);
  }, [refOf, load]);
  useEffect(() => {
    if (!api) return;
    const offGrading = useAssessment.getState().listen(api);
    const offProgress = useSubmit.getState().listen(api);
    return () => {
      offGrading();
      offProgress();
    };
  }, [api]);

  const d = detail?.data;
  if (!d) {
    return (
      <section aria-labelledby="assessment-title">
        <ScreenHeading id="assessment-title">Assessment</ScreenHeading>
        <ErrorBanner message={error} onRetry={() => void load(refOf)} />
        {!error && (
          <p className="progress-line muted" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            Loading the assessment…
          </p>
        )}
      </section>
    );
  }

  const state = assessmentState({ ...d, now, submissionCount: submissions.length });
  return (
    <section aria-labelledby="assessment-title" className="assessment">
      <div className="title-row">
        <ScreenHeading id="assessment-title">{d.displayName}</ScreenHeading>
        <StateChip kind={state.kind} />
      </div>
      <p className="lead">
        {d.category} · {countdown(state.kind, d, state.acceptedUntil, now)}
      </p>
      <StaleBanner {...detail} accountId={accountId} onRetry={() => void load(refOf)} />
      <RefreshingNote refreshing={refreshing} fetchedAt={detail.fetchedAt} what="this assessment" />
      <ErrorBanner message={error} onRetry={() => void load(refOf)} />
      {d.description && <p className="description">{d.description}</p>}
      <div className="assessment-grid">
        <div className="stack">
          <SubmitPanel refOf={refOf} state={state} hasAutograder={d.hasAutograder} embeddedQuiz={d.embeddedQuiz} maxSizeBytes={d.maxSizeBytes} focusOnOpen={intent === 'submit'} />
          {teaches ? <ClassViewPanel refOf={refOf} /> : <SubmissionsTable detail={d} submissions={submissions} onFeedback={setFeedbackFor} />}
        </div>
        <div className="stack">
          <AssessmentFacts refOf={refOf} detail={d} state={state} used={submissions.length} now={now} />
          <ProblemsTable detail={d} />
          {teaches && <AddProblemForm refOf={refOf} onAdded={() => void load(refOf)} />}
          {teaches && <GroupsPanel refOf={refOf} />}
        </div>
      </div>
      <FeedbackDialog refOf={refOf} detail={d} version={feedbackFor} submission={submissions.find((s) => s.version === feedbackFor)} onClose={() => setFeedbackFor(null)} />
    </section>
  );
}
