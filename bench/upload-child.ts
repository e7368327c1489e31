/**
 * One upload through our real client, alone in its own process, measuring itself.
 *
 * Run by bench/upload.ts as `node --expose-gc --import tsx bench/upload-child.ts`;
 * reads an {@link UploadChildConfig} as JSON on stdin (so the token never
 * appears on a command line), submits the file with
 * `createAutolabClient(...).submit(...)`, and prints one line
 * `UPLOAD-RESULT {json}` ({@link UploadChildReport}). Memory: the RSS right
 * before the submit (after a GC) is the baseline; the peak is the larger of
 * RSS samples taken every ~5 ms (and on every progress event) and the
 * kernel's VmHWM, reset just before the upload via /proc/self/clear_refs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createAutolabClient } from '../main/autolab/autolab-client';
import { createLogger } from '../main/logger';
import type { UploadChildConfig, UploadChildReport } from './upload';

/** VmHWM (peak resident set) of this process in bytes, or null when unavailable. */
function vmHwm(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Reset the kernel's peak-RSS mark (Linux ≥ 4.0); false when not possible. */
function resetHwm(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const cfg = JSON.parse(await readStdin()) as UploadChildConfig;
  const warnings: string[] = [];
  const client = createAutolabClient({
    baseUrl: cfg.baseUrl,
    getAccessToken: async () => cfg.token,
    log: createLogger((line) => warnings.push(line)),
    userAgent: 'AutolabDesktop-bench',
  });
  // Warm up the code paths and the connection pool with a small GET, so the
  // baseline includes the loaded modules, as in a running main process.
  await client.submissions(cfg.course, cfg.assessment);

  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 50));
  const baseline = process.memoryUsage.rss();
  const hwmReset = resetHwm();
  let peak = baseline;
  let samples = 0;
  const sample = () => {
    samples++;
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 5);
  let lastProgress = { sent: 0, total: 0 };

  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const outcome = await client.submit(cfg.course, cfg.assessment, cfg.file, {
    onProgress: (p) => {
      lastProgress = p;
      sample();
    },
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  sample();
  const hwm = hwmReset ? vmHwm() : null;
  const peakBytes = Math.max(peak, hwm ?? 0);

  const report: UploadChildReport = {
    ok: outcome.ok,
    ...(outcome.ok ? { version: outcome.version } : { error: `${outcome.code}: ${outcome.message}` }),
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    baselineRssBytes: baseline,
    peakSampledRssBytes: peak,
    vmHwmBytes: hwm,
    peakGrowthBytes: peakBytes - baseline,
    samples,
    sentBytes: lastProgress.sent,
    totalBytes: lastProgress.total,
    warnings: warnings.slice(0, 5),
  };
  process.stdout.write(`UPLOAD-RESULT ${JSON.stringify(report)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`upload child failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
