/**
 * Contract schemas of Settings → Devices: a LaMetric Time desk clock (issue 14).
 *
 * What the renderer may know: the clock's address, ports, certificate fingerprints and the
 * outcome of the last push; never its API key, the cloud's client secret or any token.
 */
import { z } from 'zod';

/** A clock address as typed: an IPv4 address or host name, optionally `:<https port>`. */
export const ClockAddressSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/, 'Enter the clock’s address, e.g. 192.168.0.128');

/** A device API key (LaMetric app → Device → Settings → Device API Key). */
export const ClockApiKeySchema = z.string().trim().min(8).max(200).regex(/^[\x21-\x7e]+$/);

/** Why the last push did not reach the clock. */
export const PushFailureSchema = z.enum(['unreachable', 'certificate-changed', 'key-refused', 'refused']);
/** @see PushFailureSchema */
export type PushFailure = z.infer<typeof PushFailureSchema>;

/** The outcome of the last push. */
export const LastPushSchema = z.object({
  at: z.number(),
  ok: z.boolean(),
  /** `https`/`http`: the clock on the home network; `cloud`: the LaMetric cloud's Indicator app push. */
  via: z.enum(['https', 'http', 'cloud']).nullable(),
  failure: PushFailureSchema.nullable(),
});
/** @see LastPushSchema */
export type LastPush = z.infer<typeof LastPushSchema>;

/** The paired clock, as Settings shows it. */
export const ClockViewSchema = z.object({
  name: z.string(),
  /** As typed, e.g. `192.168.0.128` or `192.168.0.128:4343`. */
  address: z.string(),
  httpsPort: z.number().int(),
  httpPort: z.number().int(),
  allowHttp: z.boolean(),
  /** SHA-256 of the pinned certificate (colon-separated hex). */
  certificateSha256: z.string(),
  /** The certificate the clock presents now, when it differs from the pinned one (waits for the user). */
  pendingCertificateSha256: z.string().nullable(),
  lastPush: LastPushSchema.nullable(),
});
/** @see ClockViewSchema */
export type ClockView = z.infer<typeof ClockViewSchema>;

/** The LaMetric cloud settings for "Find my clocks". */
export const CloudViewSchema = z.object({
  cloudUrl: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  /** The fixed loopback redirect to register with the LaMetric app (matched exactly). */
  redirectUri: z.string(),
  signedIn: z.boolean(),
});
/** @see CloudViewSchema */
export type CloudView = z.infer<typeof CloudViewSchema>;

/** The cloud Indicator app push (works wherever the clock is); its access token stays in main. */
export const IndicatorViewSchema = z.object({ pushUrl: z.string(), lastPush: LastPushSchema.nullable() });
/** @see IndicatorViewSchema */
export type IndicatorView = z.infer<typeof IndicatorViewSchema>;

/** `devices:get` and the `devices:changed` event. */
export const DevicesViewSchema = z.object({ clock: ClockViewSchema.nullable(), cloud: CloudViewSchema, indicator: IndicatorViewSchema.nullable() });
/** @see DevicesViewSchema */
export type DevicesView = z.infer<typeof DevicesViewSchema>;

/** `devices:pair`: pair by hand. */
export const PairClockInputSchema = z.object({
  address: ClockAddressSchema,
  apiKey: ClockApiKeySchema,
  /** Port 8080 when HTTPS cannot be reached (default 8080). */
  httpPort: z.number().int().min(1).max(65535).optional(),
  allowHttp: z.boolean(),
});

/** `devices:set`: change how the app reaches the clock. */
export const ClockOptionsInputSchema = z.object({ allowHttp: z.boolean() });

/** `devices:accept-certificate`: trust the certificate the user was shown. */
export const AcceptCertificateInputSchema = z.object({ sha256: z.string().regex(/^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/) });

/** Parse an https URL (or http on 127.0.0.1, the sandbox) without credentials or fragment; null otherwise. */
function secureUrl(s: string): URL | null {
  try {
    const u = new URL(s);
    const secure = u.protocol === 'https:' || (u.protocol === 'http:' && u.hostname === '127.0.0.1');
    return secure && !u.username && !u.password && !u.hash ? u : null;
  } catch {
    return null;
  }
}

/** `devices:cloud-configure`: the user's LaMetric app registration. */
export const CloudConfigInputSchema = z.object({
  cloudUrl: z
    .string()
    .trim()
    .max(2048)
    .refine((s) => secureUrl(s) !== null, 'Enter https://developer.lametric.com'),
  clientId: z.string().trim().min(1).max(200),
  /** Omit to keep the stored secret. */
  clientSecret: z.string().trim().min(1).max(500).optional(),
  redirectPort: z.number().int().min(1024).max(65535),
});

/** One clock of the user's LaMetric account (its API key stays in main). */
export const CloudClockSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.string(),
  ipv4Internal: z.string(),
  hasApiKey: z.boolean(),
});
/** @see CloudClockSchema */
export type CloudClock = z.infer<typeof CloudClockSchema>;

/** `devices:cloud-pair`: pair a clock found in the cloud; `address` defaults to its `ipv4_internal`. */
export const CloudPairInputSchema = z.object({ deviceId: z.number().int(), address: ClockAddressSchema.optional(), allowHttp: z.boolean() });

/** `devices:cloud-progress`: where "Find my clocks" is; the URL is shown with a Copy button. */
export const CloudProgressSchema = z.object({
  status: z.enum(['listening', 'browser-opened', 'browser-not-opened', 'exchanging', 'done', 'failed']),
  authorizeUrl: z.string().nullable(),
});
/** @see CloudProgressSchema */
export type CloudProgress = z.infer<typeof CloudProgressSchema>;

/** An Indicator app's push URL as the LaMetric developer portal shows it. */
export const IndicatorPushUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => {
    const u = secureUrl(s);
    return u !== null && !u.search && /^\/api\/v1\/dev\/widget\/update\/com\.lametric\.[0-9A-Za-z]+\/\d+$/.test(u.pathname);
  }, 'Paste the push URL of your Indicator app, e.g. https://developer.lametric.com/api/v1/dev/widget/update/com.lametric.…/1');

/** `devices:indicator-set`: the Indicator app's push URL and access token (omit the token to keep the stored one). */
export const IndicatorInputSchema = z.object({ pushUrl: IndicatorPushUrlSchema, accessToken: z.string().trim().min(8).max(500).regex(/^[\x21-\x7e]+$/).optional() });
