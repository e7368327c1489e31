/**
 * What the overview's screens show, from its entries and the clock (issue 15):
 * Upcoming's urgency order, recent grades, a course card's next deadline and
 * open count, the assessment list's order, and the Grades view's subtotals.
 * Pure: no DOM, no clock of its own.
 */
import type { OverviewEntry } from '../../preload/contract';
import { assessmentState, type AssessmentState } from './assessment-state';

/** An entry with its state at `now`. */
export interface EntryWithState {
  entry: OverviewEntry;
  state: AssessmentState;
  /** The moment that matters next: due (open), accepted until (late), opens (not yet open). */
  deadline: number;
}

/** How far ahead a not-yet-open assessment counts as "soon-open". */
export const SOON_OPEN_MS = 14 * 86_400_000;
/** How far back a grade counts as recent. */
export const RECENT_GRADE_MS = 14 * 86_400_000;

/** The state of an entry at `now`, from its dates, limits and submission count. */
export function entryState(entry: OverviewEntry, now: number): EntryWithState {
  const a = entry.assessment;
  const state = assessmentState({
    startAt: a.startAt,
    dueAt: a.dueAt,
    endAt: a.endAt,
    lateSlackSec: entry.course.lateSlackSec,
    now,
    disableHandins: entry.disableHandins ?? undefined,
    maxSubmissions: entry.maxSubmissions ?? undefined,
    submissionCount: entry.submissions?.count,
  });
  const deadline = state.kind === 'not-yet-open' ? Date.parse(a.startAt) : state.kind === 'late' ? state.acceptedUntil : Date.parse(a.dueAt);
  return { entry, state, deadline };
}

const RANK: Record<AssessmentState['kind'], number> = { late: 0, 'due-soon': 0, open: 0, 'not-yet-open': 1, 'limit-reached': 2, 'handins-disabled': 2, closed: 3 };

/** Upcoming's urgency group of a state: 0 takes submissions now, 1 opens soon, 2 open but not submittable, 3 closed. */
export const urgencyRank = (kind: AssessmentState['kind']): number => RANK[kind];

/**
 * Upcoming: every open or soon-open assessment, most urgent first — those
 * accepting submissions by their next deadline, then those opening soon by
 * opening time, then those that are open but cannot take a submission.
 */
export function upcoming(entries: OverviewEntry[], now: number): EntryWithState[] {
  return entries
    .map((e) => entryState(e, now))
    .filter((x) => x.state.kind !== 'closed' && (x.state.kind !== 'not-yet-open' || x.deadline - now <= SOON_OPEN_MS))
    .sort((x, y) => RANK[x.state.kind] - RANK[y.state.kind] || x.deadline - y.deadline || x.entry.assessment.displayName.localeCompare(y.entry.assessment.displayName));
}

/**
 * A course's assessments in the order a student works through them: open by
 * due date, then not yet open by opening date, then closed, newest first.
 */
export function courseOrder(entries: OverviewEntry[], now: number): EntryWithState[] {
  return entries
    .map((e) => entryState(e, now))
    .sort((x, y) => {
      const r = RANK[x.state.kind] - RANK[y.state.kind];
      if (r) return r;
      return x.state.kind === 'closed' ? y.deadline - x.deadline : x.deadline - y.deadline;
    });
}

/** A recent grade: the latest scored version of an assessment, graded within 14 days. */
export interface RecentGrade {
  entry: OverviewEntry;
  total: number;
  at: number;
}

/**
 * Scores of the last 14 days: each assessment's latest version with a
 * released score, submitted within {@link RECENT_GRADE_MS}, newest first.
 * `gradedAt` adds when the watcher noticed a grade (its activity), which wins
 * over the submission time.
 */
export function recentGrades(entries: OverviewEntry[], now: number, gradedAt: (e: OverviewEntry) => number | undefined = () => undefined): RecentGrade[] {
  const out: RecentGrade[] = [];
  for (const entry of entries) {
    const latest = entry.submissions?.latest;
    if (!latest || latest.total === null || latest.grading) continue;
    if (Object.values(latest.scores).some((v) => v === 'unreleased')) continue;
    const at = gradedAt(entry) ?? Date.parse(latest.createdAt);
    if (now - at <= RECENT_GRADE_MS) out.push({ entry, total: latest.total, at });
  }
  return out.sort((x, y) => y.at - x.at);
}

/** A course card's figures: how many assessments take submissions now, and the next due date among them. */
export function courseSummary(entries: OverviewEntry[], now: number): { open: number; next: EntryWithState | null } {
  const open = entries.map((e) => entryState(e, now)).filter((x) => x.state.canSubmit);
  const next = open.sort((x, y) => x.deadline - y.deadline)[0] ?? null;
  return { open: open.length, next };
}

/** What a row says about the latest version's score. */
export type ScoreSummary =
  | { kind: 'unknown' }
  | { kind: 'not-submitted' }
  | { kind: 'grading'; version: number }
  | { kind: 'unreleased'; version: number }
  | { kind: 'scored'; version: number; total: number; max: number | null };

/** The latest version's score, "not submitted", or not known yet. */
export function scoreSummary(entry: OverviewEntry): ScoreSummary {
  const subs = entry.submissions;
  if (!subs) return { kind: 'unknown' };
  const latest = subs.latest;
  if (!latest) return { kind: 'not-submitted' };
  if (latest.grading) return { kind: 'grading', version: latest.version };
  if (Object.values(latest.scores).some((v) => v === 'unreleased') || latest.total === null) return { kind: 'unreleased', version: latest.version };
  return { kind: 'scored', version: latest.version, total: latest.total, max: entry.maxTotalScore };
}

/** "45/62", "Score not released", "Not submitted", "Grading…". */
export function scoreText(s: ScoreSummary): string {
  switch (s.kind) {
    case 'unknown':
      return 'Checking…';
    case 'not-submitted':
      return 'Not submitted';
    case 'grading':
      return `Version ${s.version} grading…`;
    case 'unreleased':
      return `Version ${s.version}: score not released`;
    case 'scored':
      return `${s.total}${s.max !== null ? `/${s.max}` : ' points'}`;
  }
}

/** One category of the Grades view. */
export interface GradeCategory {
  name: string;
  rows: Array<{ entry: OverviewEntry; score: ScoreSummary }>;
  /** Sum of released scores, and of the maximums of the assessments that have one. */
  earned: number;
  possible: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The Grades view: assessments by category (in due order), with each
 * category's released points against the maximum of its graded-or-due
 * assessments; unreleased and not-yet-due work adds nothing to either side.
 */
export function gradesByCategory(entries: OverviewEntry[], now: number): { categories: GradeCategory[]; earned: number; possible: number } {
  const byName = new Map<string, GradeCategory>();
  for (const entry of [...entries].sort((x, y) => Date.parse(x.assessment.dueAt) - Date.parse(y.assessment.dueAt))) {
    const name = entry.assessment.category;
    const cat = byName.get(name) ?? { name, rows: [], earned: 0, possible: 0 };
    byName.set(name, cat);
    const score = scoreSummary(entry);
    cat.rows.push({ entry, score });
    if (score.kind === 'scored') {
      cat.earned = round2(cat.earned + score.total);
      cat.possible = round2(cat.possible + (score.max ?? 0));
    } else if (score.kind === 'not-submitted' && entry.maxTotalScore !== null && entryState(entry, now).state.kind === 'closed') {
      cat.possible = round2(cat.possible + entry.maxTotalScore);
    }
  }
  const categories = [...byName.values()];
  return {
    categories,
    earned: round2(categories.reduce((s, c) => s + c.earned, 0)),
    possible: round2(categories.reduce((s, c) => s + c.possible, 0)),
  };
}
