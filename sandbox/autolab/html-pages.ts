/**
 * The HTML pages a browser meets during sign-in: login, consent, error, /activate, OOB code.
 *
 * Why: a real browser (and Playwright) must be able to walk the flow on real pages with stable
 * accessible names ("Email", "Password", "Sign in", "Authorize", "Deny", "User code",
 * "Activate") (autolab-api.md §2.7, §3.2). Generated from strings: the sandbox is bundled into
 * the app and cannot read asset files.
 */
import { escapeHtml as h } from './http-response.js';
import { SCOPE_DESCRIPTIONS } from './oauth/oauth-messages.js';

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1d2330}
header{background:#990000;color:#fff;padding:.75rem 1.5rem;font-weight:600;letter-spacing:.02em}
main{max-width:32rem;margin:3rem auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12);padding:2rem}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=email],input[type=password]{width:100%;padding:.55rem .7rem;border:1px solid #9aa1ad;border-radius:4px;font:inherit}
button{font:inherit;padding:.55rem 1.2rem;border-radius:4px;border:1px solid #990000;background:#990000;color:#fff;cursor:pointer;margin-top:1rem}
button.secondary{background:#fff;color:#990000}.actions{display:flex;gap:.75rem}
.flash{padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem}.notice{background:#e6f4ea;color:#1e4620}.alert{background:#fdecea;color:#611a15}
ul.scopes{padding-left:1.2rem}ul.scopes li{margin:.3rem 0}code{font:1.1rem ui-monospace,monospace;background:#f0f0f0;padding:.2rem .4rem;border-radius:3px;word-break:break-all}
pre{white-space:pre-wrap}.muted{color:#5b6372;font-size:.9rem}
`;

/** Wrap page content in the common layout. */
export function layout(title: string, body: string, flash: { kind: string; text: string } | null = null): string {
  const f = flash ? `<div class="flash ${h(flash.kind)}" role="${flash.kind === 'alert' ? 'alert' : 'status'}">${h(flash.text)}</div>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)} - Autolab</title><style>${CSS}</style></head>
<body><header>Autolab (sandbox)</header><main>${f}${body}</main></body></html>`;
}

/** Devise's sign-in page. */
export function loginPage(flash: { kind: string; text: string } | null, email = ''): string {
  return layout(
    'Sign in',
    `<h1>Sign in</h1>
<form method="post" action="/auth/users/sign_in">
<label for="user_email">Email</label>
<input type="email" id="user_email" name="user[email]" autocomplete="username" value="${h(email)}" required autofocus>
<label for="user_password">Password</label>
<input type="password" id="user_password" name="user[password]" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p class="muted">Demo accounts are printed by the sandbox at start-up.</p>`,
    flash,
  );
}

/** Hidden inputs carrying the authorization request through the consent form. */
export type ConsentParams = Record<string, string>;

/**
 * Doorkeeper's consent page, with Authorize (POST) and Deny (DELETE via `_method`).
 *
 * Why: §2.7; Rails forms carry `authenticity_token` (CSRF).
 */
export function consentPage(appName: string, scopes: string[], params: ConsentParams, csrf: string): string {
  const hidden = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`)
    .join('');
  const token = `<input type="hidden" name="authenticity_token" value="${h(csrf)}">`;
  const list = scopes.map((s) => `<li><strong>${h(s)}</strong>: ${h(SCOPE_DESCRIPTIONS[s] ?? s)}</li>`).join('');
  return layout(
    'Authorization required',
    `<h1>Authorization required</h1>
<p>Authorize <strong>${h(appName)}</strong> to use your account?</p>
<p>This application will be able to:</p><ul class="scopes">${list}</ul>
<div class="actions">
<form method="post" action="/oauth/authorize">${token}${hidden}<button type="submit">Authorize</button></form>
<form method="post" action="/oauth/authorize"><input type="hidden" name="_method" value="delete">${token}${hidden}<button type="submit" class="secondary">Deny</button></form>
</div>`,
  );
}

/** Doorkeeper's error page (`handle_auth_errors :render`). */
export function errorPage(description: string): string {
  return layout('An error has occurred', `<h1>An error has occurred</h1><pre>${h(description)}</pre>`);
}

/** `/oauth/authorize/native`: shows an OOB code (§2.6). */
export function nativeCodePage(code: string): string {
  return layout(
    'Authorization code',
    `<h1>Authorization code:</h1><p><code id="authorization_code">${h(code)}</code></p>
<p class="muted">Copy this code and paste it into the application.</p>`,
  );
}

/** `/activate`: the device-flow code entry page (§3.2). */
export function activatePage(flash: { kind: string; text: string } | null): string {
  return layout(
    'Activate a device',
    `<h1>Activate a device</h1>
<p>Enter the code shown by the application.</p>
<form method="get" action="/device_flow_resolve">
<label for="user_code">User code</label>
<input type="text" id="user_code" name="user_code" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="64" required>
<button type="submit">Activate</button>
</form>`,
    flash,
  );
}

/** A plain page for other HTML answers (404, sign-out). */
export function simplePage(title: string, text: string): string {
  return layout(title, `<h1>${h(title)}</h1><p>${h(text)}</p>`);
}
