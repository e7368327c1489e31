/**
 * Open edX sites on the welcome screen: the list (open courses, browser
 * sign-in, remove) and "Add an Open edX site" (LMS address, client id and
 * secret for client credentials, or a public app for browser sign-in on a
 * fixed loopback port that the admin registers).
 */
import { useState, type FormEvent } from 'react';
import type { OpenedxSiteView } from '../../../preload/contract';
import { openedxSiteInputProblem, type OpenedxSiteField } from '../../../preload/contract-plain';
import { AddFormCard, FormFooter, TextField, useSaving } from '../../components/AddForm';
import { CopyButton } from '../../components/CopyButton';
import { ServerList, ServerRow } from '../../components/ServerList';
import { useNavigation } from '../../store/navigation-store';
import { useOpenedx } from '../../store/openedx-store';

/** The default fixed loopback port offered for browser sign-in. */
export const DEFAULT_EDX_PORT = 47613;

function SiteRow({ site, onRemove }: { site: OpenedxSiteView; onRemove(): void }) {
  const go = useNavigation((s) => s.go);
  const signIn = useOpenedx((s) => s.signIn);
  const signingIn = useOpenedx((s) => s.signingIn);
  return (
    <ServerRow
      name={site.name}
      badges={
        <>
          <span className="badge platform-openedx">Open edX</span>
          {site.isDemo && <span className="badge">Demo</span>}
        </>
      }
      baseUrl={site.baseUrl}
      onRemove={onRemove}
      actions={
        site.status === 'signed-in' ? (
          <button type="button" className="primary" aria-label={`Open courses on ${site.name}`} onClick={() => go({ name: 'openedx-courses', siteId: site.id })}>
            Open courses
          </button>
        ) : (
          site.mode === 'browser' && (
            <button type="button" className="primary" aria-label={`Sign in to ${site.name}`} disabled={!!signingIn} onClick={() => void signIn(site.id)}>
              Sign in
            </button>
          )
        )
      }
    >
      <div className="small">
        {site.status === 'signed-in' ? `Signed in as ${site.fullName ? `${site.fullName} (${site.username})` : site.username}` : 'Signed out'}
        {site.mode === 'browser' ? ` · browser sign-in on port ${site.redirectPort}` : ' · client credentials'}
      </div>
      {site.notice && <p className="notice small">{site.notice}</p>}
      {signingIn?.siteId === site.id && (
        <p className="small" aria-live="polite">
          Waiting for your browser…{' '}
          {signingIn.url && (
            <>
              If it did not open, copy this address into it:{' '}
              <input className="mono edx-signin-url" readOnly aria-label="Open edX sign-in address" value={signingIn.url} onFocus={(e) => e.currentTarget.select()} />{' '}
              <CopyButton text={signingIn.url} label="Copy sign-in address" />
            </>
          )}
        </p>
      )}
    </ServerRow>
  );
}

/** The Open edX sites, with a confirmation before removing. */
export function OpenedxSitesList() {
  const sites = useOpenedx((s) => s.sites);
  const remove = useOpenedx((s) => s.remove);
  const error = useOpenedx((s) => s.error);
  if (!sites.length && !error) return null;
  return (
    <section className="card" aria-labelledby="edx-sites-title">
      <h2 id="edx-sites-title">Your Open edX sites</h2>
      {error && (
        <p role="alert" className="banner banner-error">
          {error}
        </p>
      )}
      <ServerList
        items={sites}
        keyOf={(s) => s.id}
        nameOf={(s) => s.name}
        fallbackName="this site"
        reason="This forgets the site, its client secret and its cached courses on this computer. Nothing changes on the site."
        remove={(s) => void remove(s.id)}
        row={(s, askRemove) => <SiteRow site={s} onRemove={askRemove} />}
      />
    </section>
  );
}

/** The sentence for each field the add-site rules refuse (preload/contract-plain.ts). */
const FIELD_SENTENCES: Record<OpenedxSiteField, string> = {
  name: 'Keep the name to 80 characters or fewer.',
  baseUrl: 'Enter the LMS address, like https://courses.example.org.',
  clientId: 'Enter the client id the administrator gave you.',
  clientSecret: 'Enter the client secret the administrator gave you.',
  redirectPort: 'Enter the port number the administrator registered (1024–65535).',
};

type FormKey = 'name' | 'baseUrl' | 'clientId' | 'clientSecret' | 'port';

/** "Add an Open edX site", behind a disclosure button. */
export function AddOpenedxSiteForm() {
  const addSite = useOpenedx((s) => s.addSite);
  const signIn = useOpenedx((s) => s.signIn);
  const go = useNavigation((s) => s.go);
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'client-credentials' | 'browser'>('client-credentials');
  const [values, setValues] = useState<Record<FormKey, string>>({ name: '', baseUrl: '', clientId: '', clientSecret: '', port: String(DEFAULT_EDX_PORT) });
  const [problem, setProblem] = useState<OpenedxSiteField | null>(null);
  const { saving, error, setError, run } = useSaving();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const input =
      mode === 'client-credentials'
        ? { mode, name: values.name || undefined, baseUrl: values.baseUrl, clientId: values.clientId, clientSecret: values.clientSecret }
        : { mode, name: values.name || undefined, baseUrl: values.baseUrl, clientId: values.clientId, redirectPort: Number(values.port) };
    // The same rules main checks (a zod-free copy: the renderer bundle carries no zod).
    const found = openedxSiteInputProblem(input);
    setProblem(found);
    if (found) return;
    await run(async () => {
      const site = await addSite(input);
      setValues({ name: '', baseUrl: '', clientId: '', clientSecret: '', port: String(DEFAULT_EDX_PORT) });
      setOpen(false);
      if (site.mode === 'browser') await signIn(site.id);
      else go({ name: 'openedx-courses', siteId: site.id });
    });
  }

  const field = (key: FormKey, label: string, props: { type?: string; placeholder?: string; inputMode?: 'numeric' } = {}) => {
    const rule: OpenedxSiteField = key === 'port' ? 'redirectPort' : key;
    return (
      <TextField
        id={`edx-${key}`}
        label={label}
        value={values[key]}
        onChange={(v) => setValues({ ...values, [key]: v })}
        error={problem === rule ? FIELD_SENTENCES[rule] : undefined}
        autoComplete="off"
        {...props}
      />
    );
  };

  return (
    <AddFormCard id="add-edx" title="Open edX" intro="See your Open edX courses, deadlines and grades beside Autolab's." buttonLabel="Add an Open edX site" open={open} onToggle={setOpen}>
      <fieldset className="field">
        <legend>How to connect</legend>
        <label>
          <input type="radio" name="edx-mode" checked={mode === 'client-credentials'} onChange={() => setMode('client-credentials')} /> Client id and secret
        </label>
        <label>
          <input type="radio" name="edx-mode" checked={mode === 'browser'} onChange={() => setMode('browser')} /> Sign in with the browser
        </label>
      </fieldset>
      <div className="admin-note">
        {mode === 'client-credentials' ? (
          <p>
            Ask the site's administrator for a confidential application with the grant <strong>Client credentials</strong>, owned by your user, with the
            scope <code>grades:read</code> allowed. Enter its client id and secret here; the secret is kept in your system keychain.
          </p>
        ) : (
          <p>
            Ask the administrator for a public application with the grant <strong>Authorization code</strong> and exactly this redirect URI:{' '}
            <code>http://127.0.0.1:{values.port || DEFAULT_EDX_PORT}/callback</code> (scope <code>grades:read</code> allowed).
          </p>
        )}
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Add an Open edX site">
        {field('name', 'Name (optional)', { placeholder: 'e.g. edX at my university' })}
        {field('baseUrl', 'LMS address', { type: 'url', placeholder: 'https://courses.example.org' })}
        {field('clientId', 'Client ID')}
        {mode === 'client-credentials' ? field('clientSecret', 'Client secret', { type: 'password' }) : field('port', 'Loopback port', { inputMode: 'numeric' })}
        <FormFooter error={error} saving={saving} label={mode === 'browser' ? 'Save and sign in' : 'Check and save'} busyLabel="Checking the site…" />
      </form>
    </AddFormCard>
  );
}
