/**
 * "Try the demo": start the embedded sandbox and sign in through the real
 * browser flow, with the demo users' credentials shown to type there.
 */
import { useAccounts } from '../../store/accounts-store';

/** The demo card. */
export function DemoCard() {
  const users = useAccounts((s) => s.demoUsers);
  const busy = useAccounts((s) => s.busy);
  const startDemo = useAccounts((s) => s.startDemo);
  return (
    <section className="card" aria-labelledby="demo-title">
      <h2 id="demo-title">Try the demo</h2>
      <p className="muted">
        A built-in Autolab server on this computer with sample courses. You sign in through your browser, just like with a real
        school.
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => void startDemo()}>
        Try the demo
      </button>
      {users && (
        <div className="demo-users">
          <p>Sign in on the demo's page with one of these users:</p>
          <table className="table compact">
            <caption className="sr-only">Demo users</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Email</th>
                <th scope="col">Password</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.email}>
                  <td>{u.role}</td>
                  <td className="mono">{u.email}</td>
                  <td className="mono">{u.password}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
