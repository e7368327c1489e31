/**
 * "Add an Autolab server": name, base URL, client id and secret, validated
 * here for shape and by main against the server before saving.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { BaseUrlSchema, PLAIN_HTTP_REFUSED } from '../../../preload/contract';
import { errorSentence } from '../../store/app-store';
import { useAccounts } from '../../store/accounts-store';

type Field = 'baseUrl' | 'clientId' | 'clientSecret';

function validate(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  const url = BaseUrlSchema.safeParse(values.baseUrl);
  if (!values.baseUrl.trim()) errors.baseUrl = 'Enter the address of your Autolab, e.g. https://autolab.example.edu';
  else if (!url.success) {
    const plainHttp = url.error.issues.some((i) => i.message === PLAIN_HTTP_REFUSED);
    errors.baseUrl = plainHttp ? PLAIN_HTTP_REFUSED : 'That is not a web address; enter it like https://autolab.example.edu (no user name or #).';
  }
  if (!values.clientId.trim()) errors.clientId = 'Enter the client ID your administrator gave you.';
  if (!values.clientSecret.trim()) errors.clientSecret = 'Enter the client secret your administrator gave you.';
  return errors;
}

/** The add-server form, behind a disclosure button. */
export function AddServerForm() {
  const addServer = useAccounts((s) => s.addServer);
  const signInTo = useAccounts((s) => s.signInTo);
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ name: '', baseUrl: '', clientId: '', clientSecret: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [teaches, setTeaches] = useState(false);
  const prefill = useAccounts((s) => s.addPrefill);
  // "Remove this server and add it again": open the form with its address, ready for new credentials.
  useEffect(() => {
    if (!prefill) return;
    setValues({ name: prefill.name, baseUrl: prefill.baseUrl, clientId: '', clientSecret: '' });
    setOpen(true);
    useAccounts.setState({ addPrefill: null });
    // Keyboard users land where the new credentials go.
    requestAnimationFrame(() => document.getElementById('server-clientId')?.focus());
  }, [prefill]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate(values);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      const account = await addServer({ ...values, name: values.name.trim() || undefined, ...(teaches ? { instructorAccess: true } : {}) });
      setValues({ name: '', baseUrl: '', clientId: '', clientSecret: '' });
      setTeaches(false);
      setOpen(false);
      await signInTo(account.id, 'loopback');
    } catch (err) {
      setServerError(errorSentence(err));
    } finally {
      setSaving(false);
    }
  }

  const field = (key: Field | 'name', label: string, props: { type?: string; placeholder?: string; autoComplete?: string } = {}) => {
    const error = key === 'name' ? undefined : errors[key];
    return (
      <div className="field">
        <label htmlFor={`server-${key}`}>{label}</label>
        <input
          id={`server-${key}`}
          value={values[key]}
          onChange={(e) => setValues({ ...values, [key]: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `server-${key}-error` : undefined}
          spellCheck={false}
          {...props}
        />
        {error && (
          <p id={`server-${key}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby="add-server-title">
      <h2 id="add-server-title">Your school's Autolab</h2>
      <p className="muted">Connect to the Autolab your course uses. You need a few details from its administrator.</p>
      <button type="button" aria-expanded={open} aria-controls="add-server-form" onClick={() => setOpen(!open)}>
        Add an Autolab server
      </button>
      <div id="add-server-form" hidden={!open}>
        <div className="admin-note">
          <p>Ask your Autolab administrator to register an app for Autolab Desktop with:</p>
          <ul>
            <li>
              scopes <code>user_info user_courses user_scores user_submit</code> (plus <code>instructor_all</code> for instructors);
            </li>
            <li>
              redirect URIs <code>http://127.0.0.1/callback</code> and <code>https://&lt;your Autolab host&gt;/device_flow_auth_cb</code>.
            </li>
          </ul>
          <p>They will give you a client ID and a client secret to enter here.</p>
        </div>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Add an Autolab server">
          {field('name', 'Name (optional)', { placeholder: 'e.g. CMU Autolab' })}
          {field('baseUrl', 'Autolab address', { type: 'url', placeholder: 'https://autolab.example.edu', autoComplete: 'url' })}
          {field('clientId', 'Client ID', { autoComplete: 'off' })}
          {field('clientSecret', 'Client secret', { type: 'password', autoComplete: 'off' })}
          <div className="field field-check">
            <input id="server-teaches" type="checkbox" checked={teaches} onChange={(e) => setTeaches(e.target.checked)} aria-describedby="server-teaches-hint" />
            <label htmlFor="server-teaches">I teach a course on this Autolab</label>
            <p id="server-teaches-hint" className="muted small">
              Also asks Autolab for instructor access (roster and scores). Students leave this off; it can be turned on later from a course.
            </p>
          </div>
          {serverError && (
            <p role="alert" className="banner banner-error">
              {serverError}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Checking the server…' : 'Save and sign in'}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
