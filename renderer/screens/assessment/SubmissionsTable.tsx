/**
 * Every submitted version with its time (marked late when after the due
 * date), per-problem scores beside their maximums and the total against
 * max_total_score, and the way to its feedback. Rows still being graded say so.
 */
import type { AssessmentDetail, SubmissionView } from '../../../preload/contract';
import { formatLocal } from '../../domain/time-format';

function Score({ value }: { value: SubmissionView['scores'][string] | undefined }) {
  if (value === 'unreleased') return <span className="chip chip-muted">Unreleased</span>;
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <>{value}</>;
}

/** Props of {@link SubmissionsTable}. */
export interface SubmissionsTableProps {
  detail: AssessmentDetail;
  submissions: SubmissionView[];
  onFeedback(version: number): void;
}

/** The submissions table. */
export function SubmissionsTable({ detail, submissions, onFeedback }: SubmissionsTableProps) {
  const problems = detail.problems.map((p) => p.name);
  const maxOf = new Map(detail.problems.map((p) => [p.name, p.maxScore]));
  const due = Date.parse(detail.dueAt);
  const anyLate = submissions.some((s) => Date.parse(s.createdAt) > due);
  return (
    <section className="card" aria-labelledby="submissions-title">
      <h2 id="submissions-title">Your submissions</h2>
      {!submissions.length ? (
        <p className="muted">You have not submitted anything yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Submitted</th>
                {problems.map((p) => (
                  <th scope="col" className="num" key={p}>
                    {p} <span className="max-note">/ {maxOf.get(p)}</span>
                  </th>
                ))}
                <th scope="col" className="num">
                  Total <span className="max-note">/ {detail.maxTotalScore}</span>
                </th>
                <th scope="col">
                  <span className="sr-only">Feedback</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((s) => (
                <tr key={s.version}>
                  <th scope="row">{s.version}</th>
                  <td>
                    <time dateTime={s.createdAt} className="nowrap">{formatLocal(s.createdAt)}</time>
                    {Date.parse(s.createdAt) > due && <span className="chip chip-late late-mark">Late</span>}
                    <div className="mono small muted filename" title={s.filename}>
                      {s.filename}
                    </div>
                  </td>
                  {s.autograderDidNotRun ? (
                    <td colSpan={problems.length + 1}>The autograder did not run for this version; tell your instructor.</td>
                  ) : s.grading ? (
                    <td colSpan={problems.length + 1} aria-live="polite">
                      <span className="progress-line">
                        <span className="spinner" aria-hidden="true" />
                        Grading…
                      </span>
                    </td>
                  ) : (
                    <>
                      {problems.map((p) => (
                        <td className="num" key={p}>
                          <Score value={s.scores[p]} />
                        </td>
                      ))}
                      <td className="num total">
                        {s.total === null ? <span className="muted">—</span> : s.total} <span className="muted">/ {detail.maxTotalScore}</span>
                      </td>
                    </>
                  )}
                  <td>
                    <button type="button" className="small-button" aria-label={`Feedback for version ${s.version}`} onClick={() => onFeedback(s.version)}>
                      Feedback
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {anyLate && (
        <p className="muted small" data-testid="late-note">
          “Late” means the version was submitted after the due date. Autolab charges grace days or penalties itself; its API does not say which, so check
          the assessment on Autolab for what a late version cost.
        </p>
      )}
    </section>
  );
}
