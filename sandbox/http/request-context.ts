/**
 * The parsed form of one HTTP request, as Rack/Rails would see it.
 *
 * Why: Autolab reads parameters from the query string, form bodies (urlencoded and multipart)
 * and, for controllers only, JSON bodies; rack-attack sees only the first three
 * (autolab-api.md §5.2). Keeping the two sets apart lets the rate limiter count exactly the
 * `access_token` *parameter*, as Autolab does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A file part of a multipart body, streamed to disk. */
export interface UploadedFile {
  /** Path of the temp file (holds at most the size cap; `truncated` says when it was cut). */
  path: string;
  /** Total bytes received for the part, even past the cap. */
  size: number;
  /** True when the part was larger than the cap and the file holds only a prefix. */
  truncated: boolean;
  filename: string;
  mimeType: string;
}

/** Everything a handler needs about a request. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without query string, percent-decoding left to the handler. */
  path: string;
  /** Query, urlencoded-form and multipart fields (what Rack parses). */
  params: Map<string, string>;
  /** Parsed JSON body, if the request had one (Rails params only). */
  json: Record<string, unknown> | null;
  files: Map<string, UploadedFile>;
  cookies: Record<string, string>;
  ip: string;
  /** The documented route name, once routed (used for faults and the log). */
  routeName: string;
}

/**
 * A string parameter as a Rails controller sees it: Rack params first, then JSON body strings.
 *
 * Why: `/oauth/token` accepts form, query or JSON bodies (§2.8).
 */
export function param(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.params.get(name);
  if (v !== undefined) return v;
  const j = ctx.json?.[name];
  if (typeof j === 'string') return j;
  if (typeof j === 'number' || typeof j === 'boolean') return String(j);
  return undefined;
}

/** A parameter that is present and not blank (Rails `present?`). */
export function presentParam(ctx: RequestContext, name: string): string | undefined {
  const v = param(ctx, name);
  return v !== undefined && v.trim() !== '' ? v : undefined;
}

/** Parse a Cookie header. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[k] = part.slice(i + 1).trim();
    }
  }
  return out;
}
