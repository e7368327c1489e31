/**
 * "Recent grades" on Upcoming (issue 15): scores released or graded in the last 14 days.
 */
import type { RecentGrade } from '../../domain/overview';
import { formatLocal } from '../../domain/time-format';
import { useAccounts } from '../../store/accounts-store';
import { useNavigation } from '../../store/navigation-store';

/** The recent grades list. */
export function RecentGrades({ grades, showServer }: { grades: RecentGrade[]; showServer: boolean }) {
  const go = useNavigation((s) => s.go);
  return (
    <>
      <h2 className="section-title" id="grades-title">
        Recent grades
      </h2>
      {grades.length ? (
        <ul className="assess-list" aria-labelledby="grades-title" data-testid="recent-grades">
          {grades.map(({ entry, total, at }) => (
            <li key={`${entry.accountId}/${entry.course.name}/${entry.assessment.name}`} className="assess-row">
              <div className="row-main">
                <button
                  type="button"
                  className="row-link"
                  onClick={() => {
                    useAccounts.setState({ currentId: entry.accountId });
                    go({ name: 'assessment', accountId: entry.accountId, course: entry.course.name, assessment: entry.assessment.name });
                  }}
                >
                  {entry.assessment.displayName}
                </button>
                <span className="row-sub muted">
                  {entry.course.displayName}
                  {showServer ? ` · ${entry.serverName}` : ''} · <time dateTime={new Date(at).toISOString()}>{formatLocal(at)}</time>
                </span>
              </div>
              <div className="row-facts">
                <span className="score score-scored">
                  {total}
                  {entry.maxTotalScore !== null ? `/${entry.maxTotalScore}` : ' points'}
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No grades in the last 14 days.</p>
      )}
    </>
  );
}
