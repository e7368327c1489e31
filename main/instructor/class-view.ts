/**
 * The class view of an assessment, computed from Autolab's answers.
 *
 * Why: `GET …/scores` lists only people with submissions, every version, and
 * mixes released and unreleased scores (autolab-api.md §4.12); the roster
 * (§4.14) says who is an enrolled student and where they sit. The figures
 * count enrolled students (role student, not dropped) and each one's latest
 * version; anyone else with submissions (staff testing, dropped students) is
 * counted apart, never mixed in.
 */
import type { ClassStudent, ClassView, ScoreSummary } from '../../preload/contract';
import type { AllScores, CourseUserDatum, Problem, UserScores } from '../autolab/schemas';
import { toCsv } from './csv';
import { csvFilename } from './roster-csv';

/** The median of a list (mean of the two middle values); null when empty. */
export function medianOf(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const meanOf = (values: readonly number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

function summary(name: string, maxScore: number, values: readonly number[]): ScoreSummary {
  return { name, maxScore, mean: round(meanOf(values)), median: round(medianOf(values)), graded: values.length };
}

/** The highest version's scores of a student. */
function latestOf(scores: UserScores | undefined): Record<string, number | null> | undefined {
  const versions = Object.keys(scores ?? {}).map(Number).filter(Number.isFinite);
  if (!versions.length) return undefined;
  return scores?.[String(Math.max(...versions))] as Record<string, number | null> | undefined;
}

const studentOf = (p: CourseUserDatum): ClassStudent => ({
  email: p.email,
  firstName: p.first_name ?? '',
  lastName: p.last_name ?? '',
  lecture: p.lecture ?? '',
  section: p.section ?? '',
});

/**
 * Build the class view.
 *
 * @param course names the CSV file of who has not submitted.
 */
export function buildClassView(course: string, assessment: string, all: AllScores, roster: readonly CourseUserDatum[], problems: readonly Problem[]): ClassView {
  const enrolled = roster.filter((p) => p.auth_level === 'student' && !p.dropped);
  const enrolledEmails = new Set(enrolled.map((p) => p.email));
  const latest = enrolled.map((p) => ({ person: p, scores: latestOf(all[p.email]) }));
  const notSubmitted = latest.filter((l) => !l.scores).map((l) => studentOf(l.person));
  notSubmitted.sort((a, b) => a.lecture.localeCompare(b.lecture) || a.section.localeCompare(b.section) || a.email.localeCompare(b.email));
  const withScores = latest.filter((l): l is { person: CourseUserDatum; scores: Record<string, number | null> } => l.scores !== undefined);
  const perProblem = problems.map((pr) =>
    summary(pr.name, pr.max_score, withScores.map((l) => l.scores[pr.name]).filter((v): v is number => typeof v === 'number')),
  );
  const maxTotal = problems.reduce((a, p) => a + p.max_score, 0);
  const totals = withScores
    .map((l) => problems.map((p) => l.scores[p.name]).filter((v): v is number => typeof v === 'number'))
    .filter((nums) => nums.length > 0)
    .map((nums) => nums.reduce((a, b) => a + b, 0));
  const histogram = Array.from({ length: 10 }, (_, i) => ({ fromPercent: i * 10, toPercent: (i + 1) * 10, count: 0 }));
  if (maxTotal > 0) {
    for (const t of totals) histogram[Math.min(9, Math.max(0, Math.floor((t / maxTotal) * 10)))]!.count++;
  }
  const csv = toCsv([
    ['email', 'first_name', 'last_name', 'lecture', 'section'],
    ...notSubmitted.map((s) => [s.email, s.firstName, s.lastName, s.lecture, s.section]),
  ]);
  return {
    enrolled: enrolled.length,
    submitted: withScores.length,
    notSubmitted,
    notSubmittedCsv: { filename: csvFilename(`${course}-${assessment}`, 'not-submitted'), csv },
    problems: perProblem,
    total: summary('Total', maxTotal, totals),
    histogram,
    othersWithSubmissions: Object.keys(all).filter((e) => !enrolledEmails.has(e) && latestOf(all[e]) !== undefined).length,
  };
}
