/**
 * Downloads an assessment's writeup or handout, which may be JSON or a file.
 *
 * Autolab answers `GET …/writeup` and `…/handout` with `{"url": …}`,
 * `{"writeup"|"handout": "none"}`, or the raw file with a
 * `Content-Disposition` header (autolab-api.md §4.7, §8). Like the official
 * CLI we decide by that header and the Content-Type. A file is streamed to a
 * temporary name in the folder the user picked, then renamed to a sanitised,
 * non-clashing name, so a failed download never leaves a half file behind
 * and never overwrites one of the user's files.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import filenamify from 'filenamify';
import { pipeline } from 'node:stream/promises';
import { notAnsweringError, type AutolabHttp } from './autolab-http';
import { diskFullError, isDiskFull } from '../storage/disk-errors';
import { errorFromHttp, errorFromNetwork, isOAuthFailure, malformedAnswer } from './autolab-errors';
import { HandoutJsonSchema, WriteupJsonSchema } from './schemas';
import { UserError } from '../user-error';

const FS_SYSCALLS = new Set(['open', 'write', 'rename', 'close', 'mkdir']);

/** What a writeup or handout turned out to be. */
export type AssessmentFileResult =
  | { kind: 'none' }
  | { kind: 'url'; url: string }
  | { kind: 'file'; path: string; fileName: string; bytes: number };

/** Windows device names, also with trailing spaces before an extension (`con .txt`), superscript digits and the console names. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])[ .]*(?:\..*)?$/i;
/** Bidi controls and other invisible format characters (RLO makes `exe.txt` look like `txt.exe`). */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/**
 * Longest name in UTF-8 bytes: Linux and macOS allow 255 bytes per name; the
 * rest is room for ` (999)` and the temporary `.part` name.
 */
export const MAX_FILE_NAME_BYTES = 200;

/** Cut `text` to at most `bytes` UTF-8 bytes on a code point boundary. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * A safe file name from a server-supplied one.
 *
 * Drops any directory part (no path traversal); then `filenamify` replaces
 * reserved and control characters and defuses Windows device names; on top
 * of it every invisible format character (bidi overrides, RLO) is removed,
 * device names with trailing spaces or superscript digits (`con .txt`,
 * `COM¹.txt`, `CONIN$`) are prefixed, and the length is capped at
 * {@link MAX_FILE_NAME_BYTES} UTF-8 bytes keeping the extension (issue 11 item 7).
 */
export function sanitizeFileName(raw: string, fallback: string): string {
  let name = (raw.split(/[\\/]/).pop() ?? '').normalize('NFC').replace(INVISIBLE, '');
  if (WINDOWS_RESERVED.test(name.trim())) name = `_${name.trim()}`;
  name = filenamify(name, { replacement: '_', maxLength: 1024 }).replace(INVISIBLE, '');
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (!name || /^_*$/.test(name)) return fallback;
  if (Buffer.byteLength(name) > MAX_FILE_NAME_BYTES) {
    const ext = cutToBytes(path.extname(name), 20);
    name = cutToBytes(name.slice(0, name.length - path.extname(name).length), MAX_FILE_NAME_BYTES - Buffer.byteLength(ext)).replace(/[\s.]+$/, '') + ext;
  }
  return name;
}

/** The file name of a `Content-Disposition` header, preferring `filename*` (RFC 6266). */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  return plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]?.trim()) : undefined;
}

async function uniquePath(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 0; i < 1000; i++) {
    const candidate = path.join(dir, i === 0 ? name : `${stem} (${i})${ext}`);
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
  return path.join(dir, `${stem}-${randomBytes(4).toString('hex')}${ext}`);
}

/** Milliseconds a download may go without a byte before it is given up (issue 10 item 6). */
export const DOWNLOAD_IDLE_MS = 30_000;

/**
 * Fetch a writeup or handout; a file goes into `destDir`.
 *
 * A download that receives nothing for `idleMs` is stopped with a sentence
 * (a stalled download used to never end); after `stallMs` the host is told
 * Autolab is not answering, whose Cancel also stops it.
 *
 * @throws UserError when the server fails, the answer is not understood, the
 * download stalls (`download-stalled`), or the file cannot be written
 * (`save-failed`, `disk-full`).
 */
export async function downloadAssessmentFile(
  http: AutolabHttp,
  apiPath: string,
  kind: 'writeup' | 'handout',
  destDir: string,
  fallbackName: string,
  signal?: AbortSignal,
  idleMs = DOWNLOAD_IDLE_MS,
): Promise<AssessmentFileResult> {
  const idle = new AbortController();
  let idleTimer: NodeJS.Timeout | undefined;
  const watched = http.watch(signal ? AbortSignal.any([signal, idle.signal]) : idle.signal, true);
  const moved = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => idle.abort(), idleMs);
    watched.progress();
  };
  moved();
  try {
    return await fetchFile(http, apiPath, kind, destDir, fallbackName, watched.signal, moved);
  } catch (err) {
    if (idle.signal.aborted && !signal?.aborted) {
      http.reachable(false);
      const secs = Math.max(1, Math.round(idleMs / 1000));
      throw new UserError('download-stalled', `The ${kind} download stopped: Autolab sent nothing for ${secs} second${secs === 1 ? '' : 's'}; try again later.`, { cause: err });
    }
    if (watched.stoppedByUser()) {
      http.reachable(false);
      throw notAnsweringError();
    }
    throw err;
  } finally {
    clearTimeout(idleTimer);
    watched.done();
  }
}

/** The request and the saving of one download, reporting each byte to `moved`. */
async function fetchFile(
  http: AutolabHttp,
  apiPath: string,
  kind: 'writeup' | 'handout',
  destDir: string,
  fallbackName: string,
  signal: AbortSignal,
  moved: () => void,
): Promise<AssessmentFileResult> {
  const open = async (token?: string) => {
    const stream = http.got.stream(http.url(apiPath), {
      headers: await http.authHeaders(token),
      // No response timeout: the idle timer above covers a server that never answers.
      timeout: { lookup: 10_000, connect: 10_000 },
      signal,
    });
    stream.on('downloadProgress', moved);
    const response = await new Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      stream.once('response', (r: { statusCode: number; headers: Record<string, string | string[] | undefined> }) => {
        http.reachable(true);
        moved();
        resolve(r);
      });
      stream.once('error', reject);
    });
    return { stream, response };
  };
  const readText = async (s: AsyncIterable<Buffer | string>) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of s) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(c);
      size += b.length;
      if (size > 1 << 20) throw malformedAnswer();
      chunks.push(b);
    }
    return Buffer.concat(chunks).toString('utf8');
  };

  try {
    let { stream, response } = await open();
    if (response.statusCode === 401) {
      const body = await readText(stream);
      const fresh = isOAuthFailure(401, body) ? await http.refresh() : undefined;
      if (fresh === undefined) throw errorFromHttp(401, body);
      ({ stream, response } = await open(fresh));
    }
    if (response.statusCode < 200 || response.statusCode >= 300) throw errorFromHttp(response.statusCode, await readText(stream));
    const disposition = String(response.headers['content-disposition'] ?? '');
    const type = String(response.headers['content-type'] ?? '');
    if (!disposition && /application\/json/i.test(type)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readText(stream));
      } catch (err) {
        throw malformedAnswer(err);
      }
      const result = (kind === 'writeup' ? WriteupJsonSchema : HandoutJsonSchema).safeParse(parsed);
      if (!result.success) throw malformedAnswer(result.error);
      const url: unknown = (result.data as { url?: unknown }).url;
      return typeof url === 'string' ? { kind: 'url', url } : { kind: 'none' };
    }
    const fileName = sanitizeFileName(fileNameFromDisposition(disposition) ?? '', fallbackName);
    // A short temporary name: the real one may already be near the 255-byte limit.
    const tmp = path.join(destDir, `.autolab-${randomBytes(6).toString('hex')}.part`);
    let bytes = 0;
    try {
      stream.on('data', (c: Buffer) => (bytes += c.length));
      await pipeline(stream, createWriteStream(tmp, { flags: 'wx' }));
      const finalPath = await uniquePath(destDir, fileName);
      await rename(tmp, finalPath);
      return { kind: 'file', path: finalPath, fileName: path.basename(finalPath), bytes };
    } catch (err) {
      // The cleanup's own failure must not replace the real error.
      await rm(tmp, { force: true }).catch(() => undefined);
      if (isDiskFull(err)) throw diskFullError(`the ${kind}`, err);
      if (FS_SYSCALLS.has(String((err as { syscall?: string }).syscall))) {
        throw new UserError('save-failed', `The ${kind} could not be saved in that folder; pick another folder and try again.`, { cause: err });
      }
      throw err;
    }
  } catch (err) {
    throw errorFromNetwork(err);
  }
}
