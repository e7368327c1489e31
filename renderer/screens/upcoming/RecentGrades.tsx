/**
 * "Recent grades" on Upcoming (issue 15): scores released or graded in the
 * last 14 days; beside them, Open edX course grades the watcher saw change in
 * that time (issue 13) — only changes it observed, never a guess.
 */
import type { RecentRow } from '../../domain/upcoming-rows';
import { formatLocal } from '../../domain/time-format';
import { useAccounts } from '../../store/accounts-store';
import { useNavigation } from '../../store/navigation-store';

const percent = (p: number) => `${Math.round(p * 1000) / 10}%`;

/** The recent grades list; `edxNote` says what it holds for Open edX sites. */
export function RecentGrades({ grades, showServer, edxNote = false }: { grades: RecentRow[]; showServer: boolean; edxNote?: boolean }) {
  const go = useNavigation((s) => s.go);
  return (
    <>
      <h2 className="section-title" id="grades-title">
        Recent grades
      </h2>
      {grades.length ? (
        <ul className="assess-list" aria-labelledby="grades-title" data-testid="recent-grades">
          {grades.map((row) =>
            row.kind === 'autolab' ? (
              <li key={`${row.grade.entry.accountId}/${row.grade.entry.course.name}/${row.grade.entry.assessment.name}`} className="assess-row">
                <div className="row-main">
                  <button
                    type="button"
                    className="row-link"
                    onClick={() => {
                      useAccounts.setState({ currentId: row.grade.entry.accountId });
                      go({ name: 'assessment', accountId: row.grade.entry.accountId, course: row.grade.entry.course.name, assessment: row.grade.entry.assessment.name });
                    }}
                  >
                    {row.grade.entry.assessment.displayName}
                  </button>
                  <span className="row-sub muted">
                    {row.grade.entry.course.displayName}
                    {showServer ? ` · ${row.grade.entry.serverName}` : ''} · <time dateTime={new Date(row.at).toISOString()}>{formatLocal(row.at)}</time>
                  </span>
                </div>
                <div className="row-facts">
                  <span className="score score-scored">
                    {row.grade.total}
                    {row.grade.entry.maxTotalScore !== null ? `/${row.grade.entry.maxTotalScore}` : ' points'}
                  </span>
                </div>
              </li>
            ) : (
              <li key={`edx|${row.grade.siteId}|${row.grade.courseKey}`} className="assess-row" data-testid="openedx-grade">
                <div className="row-main">
                  <button type="button" className="row-link" onClick={() => go({ name: 'openedx-course', siteId: row.grade.siteId, courseKey: row.grade.courseKey })}>
                    {row.grade.courseName}
                  </button>
                  <span className="row-sub muted">
                    Course grade changed · {row.grade.siteName} · seen <time dateTime={new Date(row.at).toISOString()}>{formatLocal(row.at)}</time>
                  </span>
                </div>
                <div className="row-facts">
                  <span className="badge platform-openedx">Open edX</span>
                  <span className="score score-scored">
                    {percent(row.grade.percent)}
                    {row.grade.letter ? ` (${row.grade.letter})` : ''}
                  </span>
                </div>
              </li>
            ),
          )}
        </ul>
      ) : (
        <p className="muted">No grades in the last 14 days.</p>
      )}
      {edxNote && <p className="muted small">Open edX course grades appear here when Autolab Desktop sees one change.</p>}
    </>
  );
}
