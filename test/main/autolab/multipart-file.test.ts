/**
 * The streamed multipart body is byte-exact and its Content-Length is right,
 * for files spanning several read chunks (the encoder's own `encode()` is not
 * used; see multipart-file.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import busboy from 'busboy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMultipartFile } from '../../../main/autolab/multipart-file';

async function parse(bodyParts: Buffer, headers: Record<string, string>): Promise<{ name: string; filename: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    const files: { name: string; filename: string; data: Buffer }[] = [];
    const bb = busboy({ headers });
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => files.push({ name, filename: info.filename ?? '', data: Buffer.concat(chunks) }));
    });
    bb.on('close', () => resolve(files));
    bb.on('error', reject);
    bb.end(bodyParts);
  });
}

describe('openMultipartFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'multipart-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const size of [0, 1, 1024 * 1024, 2.5 * 1024 * 1024 + 3]) {
    it(`streams a ${size}-byte file exactly`, async () => {
      const content = randomBytes(size);
      const file = path.join(dir, `f${size}.c`);
      await writeFile(file, content);
      const mf = await openMultipartFile(file, 'submission[file]');
      try {
        const body = mf.body();
        const chunks: Buffer[] = [];
        for await (const c of body.stream) chunks.push(Buffer.from(c as Uint8Array));
        const all = Buffer.concat(chunks);
        expect(all.length).toBe(body.length);
        expect(body.headers['content-length']).toBe(String(all.length));
        const files = await parse(all, body.headers);
        expect(files).toHaveLength(1);
        expect(files[0]!.name).toBe('submission[file]');
        expect(files[0]!.filename).toBe(`f${size}.c`);
        expect(files[0]!.data.equals(content)).toBe(true);
      } finally {
        await mf.close();
      }
    });
  }
});

describe('BodyStream buffer reuse', () => {
  it('reuses a few buffers once acknowledged and stays byte-exact', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'multipart-reuse-'));
    try {
      const content = randomBytes(5 * 1024 * 1024 + 17);
      const file = path.join(dir, 'big.bin');
      await writeFile(file, content);
      const mf = await openMultipartFile(file, 'submission[file]');
      try {
        const body = mf.body();
        const copies: Buffer[] = [];
        const backing = new Set<ArrayBufferLike>();
        let sent = 0;
        for await (const c of body.stream) {
          const chunk = c as Buffer;
          backing.add(chunk.buffer);
          copies.push(Buffer.from(chunk)); // what a socket write would have taken
          sent += chunk.length;
          body.acknowledge(sent);
        }
        const all = Buffer.concat(copies);
        expect(all.length).toBe(body.length);
        const files = await parse(all, body.headers);
        expect(files[0]!.data.equals(content)).toBe(true);
        // 6 file chunks of 1 MiB went through at most a handful of pool buffers.
        expect(backing.size).toBeLessThanOrEqual(5);
      } finally {
        await mf.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
