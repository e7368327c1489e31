/**
 * "Add an Autolab server": name, base URL, client id and secret, validated
 * here for shape and by main against the server before saving.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { BASE_URL_SENTENCE, isAllowedAutolabUrl, isBaseUrl, PLAIN_HTTP_REFUSED } from '../../../preload/contract-plain';
import { AddFormCard, FormFooter, TextField, useSaving } from '../../components/AddForm';
import { useAccounts } from '../../store/accounts-store';

type Field = 'baseUrl' | 'clientId' | 'clientSecret';

function validate(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!values.baseUrl.trim()) errors.baseUrl = BASE_URL_SENTENCE;
  else if (!isBaseUrl(values.baseUrl)) errors.baseUrl = 'That is not a web address; enter it like https://autolab.example.edu (no user name or #).';
  else if (!isAllowedAutolabUrl(new URL(values.baseUrl.trim()))) errors.baseUrl = PLAIN_HTTP_REFUSED;
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
  const { saving, error: serverError, setError: setServerError, run } = useSaving();
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
    await run(async () => {
      const account = await addServer({ ...values, name: values.name.trim() || undefined, ...(teaches ? { instructorAccess: true } : {}) });
      setValues({ name: '', baseUrl: '', clientId: '', clientSecret: '' });
      setTeaches(false);
      setOpen(false);
      await signInTo(account.id, 'loopback');
    });
  }

  const field = (key: Field | 'name', label: string, props: { type?: string; placeholder?: string; autoComplete?: string } = {}) => (
    <TextField
      id={`server-${key}`}
      label={label}
      value={values[key]}
      onChange={(v) => setValues({ ...values, [key]: v })}
      error={key === 'name' ? undefined : errors[key]}
      {...props}
    />
  );

  return (
    <AddFormCard
      id="add-server"
      title="Your school's Autolab"
      intro="Connect to the Autolab your course uses. You need a few details from its administrator."
      buttonLabel="Add an Autolab server"
      open={open}
      onToggle={setOpen}
    >
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
        <FormFooter error={serverError} saving={saving} label="Save and sign in" busyLabel="Checking the server…" />
      </form>
    </AddFormCard>
  );
}
