/**
 * The HTML pages a browser meets on the LaMetric cloud sandbox: login, consent, error.
 *
 * Why: `cloud-authorization.rst` step one — "we present the user with a login screen and then a
 * confirmation screen". Real pages with stable accessible names ("Email", "Password", "Log in",
 * "Allow", "Deny") so Playwright can walk the flow. Nothing from the request is shown unescaped.
 */
import { escapeHtml as h } from '../http/response.js';

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f2f4f7;color:#1b1f24}
header{background:#111;color:#fff;padding:.75rem 1.5rem;font-weight:600}
main{max-width:30rem;margin:3rem auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12);padding:2rem}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=email],input[type=password]{width:100%;padding:.55rem .7rem;border:1px solid #9aa1ad;border-radius:4px;font:inherit}
button{font:inherit;padding:.55rem 1.2rem;border-radius:4px;border:1px solid #0a66c2;background:#0a66c2;color:#fff;cursor:pointer;margin-top:1rem}
button.secondary{background:#fff;color:#0a66c2}.actions{display:flex;gap:.75rem}
.alert{padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem;background:#fdecea;color:#611a15}
`;

/** The scope descriptions of `cloud-authorization.rst` "Scopes". */
export const SCOPE_TEXT: Record<string, string> = {
  basic: "read your profile (name, e-mail, etc.)",
  devices_read: 'read information about the devices connected to your account, including their local API keys',
  devices_write: 'update your devices (rename them, for example)',
};

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)} - LaMetric Developer (sandbox)</title><style>${CSS}</style></head>
<body><header>LaMetric Developer (sandbox)</header><main>${body}</main></body></html>`;
}

/** The login screen; `returnTo` is the authorize URL to go back to. */
export function loginPage(returnTo: string, error: string | null, email = ''): string {
  const alert = error ? `<div class="alert" role="alert">${h(error)}</div>` : '';
  return page(
    'Log in',
    `${alert}<h1>Log in to LaMetric</h1>
<form method="post" action="/login">
<input type="hidden" name="return_to" value="${h(returnTo)}">
<label for="email">Email</label><input type="email" id="email" name="email" autocomplete="username" value="${h(email)}" required autofocus>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Log in</button>
</form>`,
  );
}

/** The confirmation screen: Allow or Deny, carrying the request in hidden fields plus a CSRF token. */
export function consentPage(appName: string, scopes: string[], carried: Record<string, string>, csrf: string): string {
  const hidden = Object.entries({ ...carried, csrf })
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`)
    .join('');
  const list = scopes.map((s) => `<li><strong>${h(s)}</strong>: ${h(SCOPE_TEXT[s] ?? s)}</li>`).join('');
  return page(
    'Grant access',
    `<h1>Grant access</h1><p><strong>${h(appName)}</strong> wants to:</p><ul>${list}</ul>
<div class="actions">
<form method="post" action="/api/v2/oauth2/authorize/">${hidden}<input type="hidden" name="decision" value="allow"><button type="submit">Allow</button></form>
<form method="post" action="/api/v2/oauth2/authorize/">${hidden}<input type="hidden" name="decision" value="deny"><button type="submit" class="secondary">Deny</button></form>
</div>`,
  );
}

/** An error page for requests that cannot be redirected back (unknown client, wrong redirect URI). */
export function errorPage(text: string): string {
  return page('Error', `<h1>Authorization error</h1><p role="alert">${h(text)}</p>`);
}
