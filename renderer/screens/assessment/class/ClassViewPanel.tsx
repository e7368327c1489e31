/**
 * The class view of an assessment for its instructors (issue 12), in place of
 * "Your submissions": how many enrolled students submitted, who has not
 * (exportable), the distribution of latest totals, and mean/median per
 * problem. Built in main from `GET …/scores` and the roster, cached.
 *
 * What Autolab's API cannot tell is said plainly: `GET …/scores` carries no
 * submission times (so no late count) and no released flag (§4.12).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AssessmentRef, ChannelOutput } from '../../../../preload/contract';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { StaleBanner } from '../../../components/StaleBanner';
import { saveTextFile } from '../../../domain/save-text-file';
import { errorSentence, requireApi } from '../../../store/app-store';

type Answer = ChannelOutput<'class:view'>;

const num = (n: number | null) => (n === null ? '—' : String(Math.round(n * 100) / 100));

/** The histogram as a labelled bar list (a table for screen readers). */
function Histogram({ bins }: { bins: Answer['data']['histogram'] }) {
  const most = Math.max(1, ...bins.map((b) => b.count));
  return (
    <table className="table compact histogram" aria-label="Latest totals by percentage of the maximum">
      <thead>
        <tr>
          <th scope="col">Total</th>
          <th scope="col" className="num">Students</th>
          <th scope="col"><span className="sr-only">Bar</span></th>
        </tr>
      </thead>
      <tbody>
        {bins.map((b) => (
          <tr key={b.fromPercent}>
            <th scope="row">{b.toPercent === 100 ? `${b.fromPercent}–100 %` : `${b.fromPercent}–${b.toPercent} %`}</th>
            <td className="num">{b.count}</td>
            <td className="bar-cell" aria-hidden="true">
              <span className="bar" style={{ width: `${(b.count / most) * 100}%` }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The class view card. */
export function ClassViewPanel({ refOf }: { refOf: AssessmentRef }) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  const load = useCallback(async () => {
    setError(null);
    try {
      setAnswer(await requireApi().classView(refOf));
    } catch (err) {
      setError(errorSentence(err));
    }
  }, [refOf]);
  useEffect(() => void load(), [load]);

  const d = answer?.data;
  return (
    <section className="card class-view" aria-labelledby="class-view-title">
      <div className="card-head">
        <h2 id="class-view-title">The class</h2>
        <button type="button" className="ghost" onClick={() => void load()}>Refresh</button>
      </div>
      {answer && <StaleBanner {...answer} />}
      <ErrorBanner message={error} onRetry={() => void load()} />
      {!d && !error && <p className="muted progress-line" aria-live="polite"><span className="spinner" aria-hidden="true" />Loading the class…</p>}
      {d && (
        <>
          <dl className="class-facts">
            <div>
              <dt>Submitted</dt>
              <dd data-testid="class-submitted">{d.submitted} of {d.enrolled}</dd>
            </div>
            <div>
              <dt>Not submitted</dt>
              <dd data-testid="class-missing">{d.notSubmitted.length}</dd>
            </div>
            <div>
              <dt>Mean total</dt>
              <dd>{num(d.total.mean)} / {d.total.maxScore}</dd>
            </div>
            <div>
              <dt>Median total</dt>
              <dd>{num(d.total.median)} / {d.total.maxScore}</dd>
            </div>
          </dl>
          <p className="muted small">
            Enrolled students (not dropped), latest submission each
            {d.othersWithSubmissions > 0 && `; ${d.othersWithSubmissions} other ${d.othersWithSubmissions === 1 ? 'person' : 'people'} (staff or dropped) also submitted and are not counted`}.
            Autolab's scores list does not say which scores are released yet or when each was submitted, so late submissions and unreleased scores cannot be shown here.
          </p>
          <h3>Per problem (latest submissions)</h3>
          <table className="table compact" aria-label="Mean and median per problem">
            <thead>
              <tr>
                <th scope="col">Problem</th>
                <th scope="col" className="num">Max</th>
                <th scope="col" className="num">Mean</th>
                <th scope="col" className="num">Median</th>
                <th scope="col" className="num">Scored</th>
              </tr>
            </thead>
            <tbody>
              {[...d.problems, d.total].map((p) => (
                <tr key={p.name} className={p === d.total ? 'total-row' : undefined}>
                  <th scope="row">{p.name}</th>
                  <td className="num">{p.maxScore}</td>
                  <td className="num">{num(p.mean)}</td>
                  <td className="num">{num(p.median)}</td>
                  <td className="num">{p.graded}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Distribution of totals</h3>
          {d.total.graded ? <Histogram bins={d.histogram} /> : <p className="muted">No scores yet.</p>}
          <div className="card-head">
            <h3>Who has not submitted ({d.notSubmitted.length})</h3>
            <div className="actions">
              <button type="button" aria-expanded={showMissing} onClick={() => setShowMissing(!showMissing)} disabled={!d.notSubmitted.length}>
                {showMissing ? 'Hide the list' : 'Show the list'}
              </button>
              <button type="button" onClick={() => saveTextFile(d.notSubmittedCsv.filename, d.notSubmittedCsv.csv)} disabled={!d.notSubmitted.length}>
                Export CSV
              </button>
            </div>
          </div>
          {showMissing && (
            <div className="missing-list">
              <table className="table compact" aria-label="Students who have not submitted">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Lecture</th>
                    <th scope="col">Section</th>
                  </tr>
                </thead>
                <tbody>
                  {d.notSubmitted.map((s) => (
                    <tr key={s.email}>
                      <td>{`${s.firstName} ${s.lastName}`.trim() || '—'}</td>
                      <td className="mono">{s.email}</td>
                      <td>{s.lecture}</td>
                      <td>{s.section}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
