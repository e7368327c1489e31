/**
 * Semester codes and roles in words: "f24" → "Fall 2024", "course_assistant" → "Course assistant" (issue 15).
 */

const TERMS: Array<[RegExp, string]> = [
  [/^(f|fa|fall|aut|autumn)$/i, 'Fall'],
  [/^(s|sp|spr|spring)$/i, 'Spring'],
  [/^(su|sum|summer|m)$/i, 'Summer'],
  [/^(w|wi|win|winter)$/i, 'Winter'],
];

/**
 * A semester code spelled out: "f24", "F2024", "fall-24", "S25" become "Fall 2024",
 * "Spring 2025"; anything else is returned as Autolab sent it.
 */
export function spellSemester(code: string | null): string | null {
  if (!code) return null;
  const termFirst = /^\s*([a-z]+)[\s_-]*'?(\d{2}|\d{4})\s*$/i.exec(code);
  const yearFirst = /^\s*(\d{4})[\s_-]*([a-z]+)\s*$/i.exec(code);
  const [termText, yearText] = termFirst ? [termFirst[1], termFirst[2]] : yearFirst ? [yearFirst[2], yearFirst[1]] : [undefined, undefined];
  const term = TERMS.find(([re]) => re.test(termText ?? ''))?.[1];
  if (!term || !yearText) return code;
  const year = yearText.length === 2 ? `20${yearText}` : yearText;
  return `${term} ${year}`;
}

const ROLE_WORDS: Record<string, string> = {
  instructor: 'Instructor',
  course_assistant: 'Course assistant',
  student: 'Student',
  admin: 'Administrator',
};

/** A role as people say it. */
export function roleInWords(role: string): string {
  return ROLE_WORDS[role] ?? role.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
