/**
 * Contract schemas for servers, accounts and sign-in.
 *
 * What the renderer may know about an account: never a token or a client
 * secret (design.md "Sign-in": the token response never reaches the renderer).
 */
import { z } from 'zod';

/** Why a plain `http://` address is refused (issue 11 item 4). */
export const PLAIN_HTTP_REFUSED =
  'Use the https:// address of your Autolab: over plain http:// the client secret, sign-in codes and tokens would cross the network unencrypted (http:// is allowed only for this computer: localhost, 127.x.x.x or [::1]).';

/**
 * Whether `u` may be used as an Autolab address: `https:` anywhere, `http:`
 * only on loopback (127.0.0.0/8, ::1, localhost) where nothing crosses a network.
 */
export function isAllowedAutolabUrl(u: URL): boolean {
  if (u.protocol === 'https:') return true;
  if (u.protocol !== 'http:') return false;
  const host = u.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** An Autolab base URL as typed by a user: https (http on loopback only), no credentials, no fragment. */
export const BaseUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.hash;
    } catch {
      return false;
    }
  }, 'Enter the address of your Autolab, e.g. https://autolab.example.edu')
  .refine((s) => {
    try {
      return isAllowedAutolabUrl(new URL(s));
    } catch {
      return true; // reported by the check above
    }
  }, PLAIN_HTTP_REFUSED);

/** Account ids are opaque, generated in main. */
export const AccountIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** The signed-in identity, from `GET /api/v1/user` (autolab-api.md §4.2). */
export const IdentitySchema = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
});
/** @see IdentitySchema */
export type Identity = z.infer<typeof IdentitySchema>;

/** One configured Autolab server with its account, as the renderer sees it. */
export const AccountViewSchema = z.object({
  id: AccountIdSchema,
  serverName: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
  isDemo: z.boolean(),
  status: z.enum(['signed-out', 'signing-in', 'signed-in']),
  identity: IdentitySchema.nullable(),
  /** The scopes the server granted at the last sign-in (the role is per course). */
  scopes: z.array(z.string()),
  /** True when sign-in asks for `instructor_all` too ("I teach a course on this Autolab"). */
  instructorAccess: z.boolean(),
  /** True when the sign-in that gave `scopes` asked for `instructor_all`. */
  instructorAskedAtSignIn: z.boolean(),
  /** A sentence explaining why the account is signed out (e.g. the server revoked access). */
  notice: z.string().nullable(),
});
/** @see AccountViewSchema */
export type AccountView = z.infer<typeof AccountViewSchema>;

/** Where secrets are kept, and the warning to show when that is weak. */
export const SecretStorageViewSchema = z.object({
  kind: z.enum(['keychain', 'safe-storage', 'memory']),
  warning: z.string().nullable(),
});

/** `accounts:list` output. */
export const AccountsListSchema = z.object({
  accounts: z.array(AccountViewSchema),
  secretStorage: SecretStorageViewSchema,
});
/** @see AccountsListSchema */
export type AccountsList = z.infer<typeof AccountsListSchema>;

/** `accounts:add-server` input. */
export const AddServerInputSchema = z.object({
  name: z.string().trim().max(100).optional(),
  baseUrl: BaseUrlSchema,
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().trim().min(1).max(200),
  /** "I teach a course on this Autolab": also ask for `instructor_all` at sign-in. */
  instructorAccess: z.boolean().optional(),
});
/** @see AddServerInputSchema */
export type AddServerInput = z.infer<typeof AddServerInputSchema>;

/** Demo credentials shown next to "Try the demo" (the sandbox's fixed demo users; not secrets). */
export const DemoInfoSchema = z.object({
  account: AccountViewSchema,
  users: z.array(z.object({ email: z.string(), password: z.string(), role: z.string() })),
});
/** @see DemoInfoSchema */
export type DemoInfo = z.infer<typeof DemoInfoSchema>;

/** `auth:sign-in` input. */
export const SignInInputSchema = z.object({
  accountId: AccountIdSchema,
  method: z.enum(['loopback', 'device']),
  /** Ask for `instructor_all` from now on (the locked Roster/Scores tab's "Sign in again with instructor access"). */
  instructorAccess: z.boolean().optional(),
});

/** Progress of a sign-in attempt, pushed as the `auth:progress` event. */
export const AuthProgressSchema = z.discriminatedUnion('phase', [
  z.object({ accountId: z.string(), phase: z.literal('browser'), authorizeUrl: z.string(), browserOpened: z.boolean() }),
  z.object({ accountId: z.string(), phase: z.literal('device-code'), userCode: z.string(), verificationUri: z.string(), status: z.string() }),
  z.object({ accountId: z.string(), phase: z.literal('exchanging') }),
  z.object({ accountId: z.string(), phase: z.literal('signed-in'), identity: IdentitySchema }),
  z.object({ accountId: z.string(), phase: z.literal('cancelled') }),
  z.object({
    accountId: z.string(),
    phase: z.literal('failed'),
    message: z.string(),
    /** True when the device flow is the way forward (e.g. the server refused the loopback redirect). */
    suggestDevice: z.boolean(),
    /** True when the server no longer knows this app (its database was reset): remove the server and add it again. */
    offerReAdd: z.boolean().optional(),
  }),
]);
/** @see AuthProgressSchema */
export type AuthProgress = z.infer<typeof AuthProgressSchema>;
