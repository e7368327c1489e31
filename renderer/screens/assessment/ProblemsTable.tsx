/**
 * The problems of an assessment with their max scores.
 */
import type { AssessmentDetail } from '../../../preload/contract';

/** The problems table; nothing when there are none. */
export function ProblemsTable({ detail }: { detail: AssessmentDetail }) {
  if (!detail.problems.length) return null;
  return (
    <section className="card" aria-labelledby="problems-title">
      <h2 id="problems-title">Problems</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Problem</th>
            <th scope="col" className="num">
              Max score
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.problems.map((p) => (
            <tr key={p.name}>
              <td>
                {p.name}
                {p.optional && <span className="badge">Optional</span>}
                {p.description && <div className="muted small">{p.description}</div>}
              </td>
              <td className="num">{p.maxScore}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{detail.maxTotalScore}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
