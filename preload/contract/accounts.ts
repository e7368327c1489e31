/**
 * Contract schemas for servers, accounts and sign-in.
 *
 * What the renderer may know about an account: never a token or a client
 * secret (design.md "Sign-in": the token response never reaches the renderer).
 */
import { z } from 'zod';

/** An Autolab base URL as typed by a user: http(s), no credentials, no fragment. */
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
  }, 'Enter the address of your Autolab, e.g. https://autolab.example.edu');

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
  /** The role per course is per course; this is the token's scope list. */
  scopes: z.array(z.string()),
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
