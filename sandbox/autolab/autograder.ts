/**
 * A deterministic stand-in for Tango.
 *
 * Why: submissions to autograded assessments get scores and a raw log whose last line is the
 * JSON autoresult `{"scores": {...}}` (autolab-api.md §4.8, §4.10), after a configurable delay,
 * with a rule on the file's content that tests and demos can steer (sandbox/README.md).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { rubyFloat } from './rails-json.js';
import type { GradingQueue, SandboxApp } from './sandbox-app.js';
import type { Problem } from './state.js';

/**
 * Score a file's content for each problem.
 *
 * Why: the documented rule (README "Autograder rule"):
 * 1. a line `SCORE <problem> <number>` (case-insensitive keyword and name) sets that problem
 *    (clamped to 0..max_score);
 * 2. otherwise an empty file scores 0; content containing `FAIL` scores 0; content containing
 *    `TODO` scores half of max_score; anything else scores max_score.
 */
export function gradeContent(content: Buffer, problems: Problem[]): Map<string, number> {
  const text = content.toString('utf8');
  const explicit = new Map<string, number>();
  for (const m of text.matchAll(/^\s*SCORE\s+(\S+)\s+(-?\d+(?:\.\d+)?)\s*$/gim)) {
    explicit.set((m[1] ?? '').toLowerCase(), Number(m[2]));
  }
  const fraction = content.length === 0 || text.includes('FAIL') ? 0 : text.includes('TODO') ? 0.5 : 1;
  const out = new Map<string, number>();
  for (const p of problems) {
    const e = explicit.get(p.name.toLowerCase());
    const raw = e === undefined ? p.max_score * fraction : e;
    out.set(p.name, Math.min(p.max_score, Math.max(0, Math.round(raw * 100) / 100)));
  }
  return out;
}

/** The most test-output lines a `LOG <n>` line asks for. */
const MAX_LOG_LINES = 200_000;

/**
 * The raw Tango-style log for a graded file.
 *
 * Why: Autolab stores and returns the entire autograder output as feedback (§4.10).
 */
export function autograderLog(jobName: string, filename: string, content: Buffer, scores: Map<string, number>, problems: Problem[], at: Date): string {
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const lines = [
    `Autograder [${at.toUTCString()}]: Received job ${jobName}`,
    `Autograder [${at.toUTCString()}]: Success: Autodriver returned normally`,
    'Here is the output from the autograder:',
    '---',
    'Autodriver: Job exited with status 0',
    `Grading ${filename} (${content.length} bytes, sha256 ${digest}) with the sandbox rule`,
  ];
  // A line `LOG <n>` asks for n lines of test output first, like a verbose test suite (README "Autograder rule").
  const verbose = Math.min(MAX_LOG_LINES, Number(/^\s*LOG\s+(\d+)\s*$/im.exec(content.toString('utf8'))?.[1] ?? 0));
  const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
  for (let i = 1; i <= verbose; i++) {
    const a = Math.imul(i, 2654435761);
    const b = Math.imul(i, 40503);
    lines.push(`test ${String(i).padStart(6, '0')}: ${i % 7 === 0 ? 'FAILED' : 'passed'} bitAnd(${hex(a)}, ${hex(b)}) == ${hex(a & b)} [case ${i % 97}, ${(i * 37) % 1000} us]`);
  }
  for (const p of problems) lines.push(`${p.name}: ${rubyFloat(scores.get(p.name) ?? 0)}/${rubyFloat(p.max_score)}`);
  const json = problems.map((p) => `${JSON.stringify(p.name)}: ${rubyFloat(scores.get(p.name) ?? 0)}`).join(', ');
  lines.push(`{"scores": {${json}}}`);
  return lines.join('\n');
}

/** Runs grading jobs after the configured delay; timers are cancelled on close. */
export class Autograder implements GradingQueue {
  private timers = new Set<NodeJS.Timeout>();
  private app: SandboxApp | null = null;

  /** Attach to the running sandbox (after construction, to break the cycle). */
  attach(app: SandboxApp): void {
    this.app = app;
  }

  /** Grade these submissions after `autogradeDelayMs`. */
  enqueue(submissionIds: number[]): void {
    const app = this.app;
    if (!app) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.grade(submissionIds);
    }, app.runtime.autogradeDelayMs);
    this.timers.add(t);
  }

  /** Cancel every pending job. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.app = null;
  }

  private async grade(ids: number[]): Promise<void> {
    const app = this.app;
    if (!app) return;
    for (const id of ids) {
      const s = app.state.submissions.find((x) => x.id === id);
      if (!s || s.grading !== 'pending') continue;
      const a = app.state.assessments.find((x) => x.id === s.assessment_id);
      if (!a) continue;
      let content: Buffer;
      try {
        content = s.file ? await readFile(s.file) : Buffer.alloc(0);
      } catch {
        content = Buffer.alloc(0);
      }
      if (this.app !== app) return;
      const problems = app.state.problems.filter((p) => p.assessment_id === a.id);
      const scores = gradeContent(content, problems);
      const e = app.state.enrollments.find((x) => x.id === s.enrollment_id);
      const email = app.state.users.find((u) => u.id === e?.user_id)?.email ?? 'unknown';
      const log = autograderLog(`${a.name}_${s.version}_${email}`, a.handin_filename, content, scores, problems, new Date(app.clock.now()));
      app.state.scores = app.state.scores.filter((x) => x.submission_id !== s.id);
      for (const p of problems) {
        app.state.scores.push({ submission_id: s.id, problem_id: p.id, score: scores.get(p.name) ?? 0, feedback: log, released: a.release_scores });
      }
      s.grading = 'done';
    }
    app.save();
  }
}
