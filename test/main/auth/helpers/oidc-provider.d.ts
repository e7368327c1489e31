/**
 * The slice of oidc-provider's API the auth tests use (the package ships no
 * types and @types/oidc-provider lags behind v9).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface OidcClient {
    clientId: string;
    grantTypeAllowed(type: string): boolean;
  }
  interface OidcToken {
    clientId: string;
    accountId: string;
    isExpired: boolean;
    destroy(): Promise<void>;
  }
  interface OidcContext {
    method: string;
    path: string;
    url: string;
    oidc: { params?: Record<string, unknown> };
  }
  type Next = () => Promise<void>;

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & {
      issueRefreshToken?: (ctx: OidcContext, client: OidcClient, code: unknown) => Promise<boolean>;
      features?: Record<string, unknown> & {
        revocation?: { enabled: boolean; allowedPolicy?: (ctx: OidcContext, client: OidcClient, token: OidcToken) => Promise<boolean> };
      };
    });
    use(middleware: (ctx: OidcContext, next: Next) => Promise<void>): void;
    on(event: string, listener: (ctx: OidcContext, ...rest: unknown[]) => void): this;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    AccessToken: { find(value: string): Promise<OidcToken | undefined> };
    RefreshToken: { find(value: string): Promise<OidcToken | undefined> };
  }
}
