/**
 * Reading request bodies without buffering uploads.
 *
 * Why: a 256 MiB submission must not sit in memory; file parts stream to disk and stop being
 * written past the size cap (the byte count continues so Autolab's max_size check can answer
 * 403, §4.8). Small bodies (urlencoded, JSON) are buffered up to a limit. Bad input never
 * throws: it is reported so the caller can answer as Rails would.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { urlsafeToken } from './random-token.js';
import type { UploadedFile } from './request-context.js';

/** Biggest non-multipart body the sandbox buffers. */
export const MAX_BUFFERED_BODY = 1024 * 1024;

/** The outcome of reading a body. */
export type BodyResult =
  | { ok: true; fields: Map<string, string>; json: Record<string, unknown> | null; files: Map<string, UploadedFile> }
  | { ok: false; reason: 'malformed' | 'bad_json' | 'too_large' | 'aborted' };

/** Options for {@link readBody}. */
export interface ReadBodyOptions {
  /** Where file parts are written. */
  tempDir: string;
  /** Bytes of each file part kept on disk; the rest is counted and discarded. */
  fileCapBytes: number;
}

/** Drain and discard the rest of a request body. */
function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', () => resolve());
    req.resume();
  });
}

async function readSmall(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  await new Promise<void>((resolve) => {
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BUFFERED_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve());
    req.on('close', () => resolve());
    req.on('error', () => resolve());
  });
  return tooBig ? null : Buffer.concat(chunks);
}

/**
 * Parse the body of a request as Rack would.
 *
 * Why: see the file comment. Never rejects.
 */
export async function readBody(req: IncomingMessage, opts: ReadBodyOptions): Promise<BodyResult> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const empty = { ok: true as const, fields: new Map<string, string>(), json: null, files: new Map<string, UploadedFile>() };
  if (type.startsWith('multipart/form-data')) return readMultipart(req, opts);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const buf = await readSmall(req);
    if (!buf) return { ok: false, reason: 'too_large' };
    return { ...empty, fields: new Map(new URLSearchParams(buf.toString('utf8'))) };
  }
  if (type.startsWith('application/json')) {
    const buf = await readSmall(req);
    if (!buf) return { ok: false, reason: 'too_large' };
    const text = buf.toString('utf8').trim();
    if (text === '') return empty;
    try {
      const parsed: unknown = JSON.parse(text);
      const json = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { _json: parsed };
      return { ...empty, json };
    } catch {
      return { ok: false, reason: 'bad_json' };
    }
  }
  const buf = await readSmall(req);
  if (!buf) return { ok: false, reason: 'too_large' };
  return empty;
}

async function readMultipart(req: IncomingMessage, opts: ReadBodyOptions): Promise<BodyResult> {
  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: req.headers,
      limits: { fieldSize: MAX_BUFFERED_BODY, fields: 1000, files: 20, parts: 1100 },
      preservePath: false,
    });
  } catch {
    await drain(req);
    return { ok: false, reason: 'malformed' };
  }
  const fields = new Map<string, string>();
  const files = new Map<string, UploadedFile>();
  const writes: Promise<void>[] = [];
  const outs: WriteStream[] = [];
  const created: string[] = [];
  const result = await new Promise<'ok' | 'malformed' | 'aborted'>((resolve) => {
    let done = false;
    const finish = (r: 'ok' | 'malformed' | 'aborted'): void => {
      if (done) return;
      done = true;
      resolve(r);
    };
    bb.on('field', (name, value) => fields.set(name, value));
    bb.on('file', (name, stream, info) => {
      const path = join(opts.tempDir, `upload-${urlsafeToken()}`);
      created.push(path);
      // 0600: uploads are other people's handins (issue 11 item 10).
      const out = createWriteStream(path, { mode: 0o600 });
      outs.push(out);
      const file: UploadedFile = { path, size: 0, truncated: false, filename: info.filename ?? '', mimeType: info.mimeType };
      files.set(name, file);
      stream.on('data', (chunk: Buffer) => {
        const room = opts.fileCapBytes - file.size;
        file.size += chunk.length;
        if (room <= 0) {
          file.truncated = true;
          return;
        }
        if (chunk.length > room) {
          file.truncated = true;
          out.write(chunk.subarray(0, room));
        } else if (!out.write(chunk)) {
          stream.pause();
          out.once('drain', () => stream.resume());
        }
      });
      stream.on('end', () => out.end());
      stream.on('error', () => out.end());
      writes.push(
        new Promise<void>((r) => {
          out.on('close', () => r());
          out.on('error', () => r());
        }),
      );
    });
    bb.on('close', () => finish('ok'));
    bb.on('error', () => {
      finish('malformed');
      req.unpipe(bb);
      void drain(req);
    });
    req.on('aborted', () => finish('aborted'));
    req.on('close', () => {
      if (!req.complete) finish('aborted');
    });
    req.pipe(bb);
  });
  if (result !== 'ok') {
    // An aborted or malformed body never ends its file streams: close them
    // ourselves, or each abort leaks an open descriptor and a temp file.
    req.unpipe(bb);
    for (const out of outs) out.destroy();
  }
  await Promise.all(writes);
  if (result !== 'ok') {
    await Promise.all(created.map((p) => unlink(p).catch(() => undefined)));
    return { ok: false, reason: result };
  }
  return { ok: true, fields, json: null, files };
}

/** Delete the temp files of a request that did not keep them. */
export async function discardFiles(files: Map<string, UploadedFile>): Promise<void> {
  await Promise.all([...files.values()].map((f) => unlink(f.path).catch(() => undefined)));
}
