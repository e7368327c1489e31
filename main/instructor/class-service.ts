/**
 * An assessment seen by its instructor: the class view, its groups, adding a
 * problem — the handlers behind `class:view`, `groups:*` and `problems:add`
 * (issue 12).
 *
 * Request budget: the class view is three GETs in parallel (scores, roster,
 * problems), cached per assessment like every other screen so it shows
 * offline with its age. Groups are three GETs: Autolab's `show_members=true`
 * answer loses each group's id and name (a `get_group_json` bug), so the
 * plain list (ids and names) and the member list are read together and
 * zipped by position (autolab-api.md §4.13); the roster says who is still
 * without a group, to pick from.
 */
import { z } from 'zod';
import type { ChannelInput, ChannelOutput, GroupsView } from '../../preload/contract';
import type { AccountSession } from '../accounts/account-session';
import type { AutolabClient } from '../autolab/autolab-client';
import { AllScoresSchema, CourseUserDataListSchema, ProblemListSchema, type CourseUserDatum, type GroupList } from '../autolab/schemas';
import { UserError } from '../user-error';
import { buildClassView } from './class-view';
import { CsvSyntaxError, parseCsv } from './csv';
import { InstructorGuard, type InstructorGuardDeps } from './instructor-guard';

/** What the class service needs. */
export interface ClassServiceDeps extends InstructorGuardDeps {
  session(accountId: string): Promise<Pick<AccountSession, 'client' | 'cache'>>;
}

const ClassBundleSchema = z.object({ scores: AllScoresSchema, roster: CourseUserDataListSchema, problems: ProblemListSchema });
const classKey = (course: string, assessment: string) => `class/${course}/${assessment}`;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Zip the plain group list with the members-only list (§4.13's bug); the roster gives who is left to pick. */
export function groupsView(plain: GroupList, withMembers: GroupList, roster: readonly CourseUserDatum[]): GroupsView {
  const allow = plain.assessment?.allow_student_assign_group;
  const grouped = new Set(withMembers.groups.flatMap((g) => (Array.isArray(g) ? g.map((m) => m.email.toLowerCase()) : [])));
  return {
    ungrouped: roster
      .filter((p) => p.auth_level === 'student' && !p.dropped && !grouped.has(p.email.toLowerCase()))
      .map((p) => ({ email: p.email, name: `${p.first_name ?? ''} ${p.last_name ?? ''}`.trim() })),
    groupSize: plain.group_size,
    allowStudentAssign: typeof allow === 'boolean' ? allow : null,
    groups: plain.groups.flatMap((g, i) => {
      if (Array.isArray(g)) return [];
      const members = withMembers.groups[i];
      return [
        {
          id: g.id,
          name: g.name ?? 'Unnamed Group',
          members: (Array.isArray(members) ? members : []).map((m) => ({
            email: m.email,
            name: `${text(m.first_name)} ${text(m.last_name)}`.trim(),
          })),
        },
      ];
    }),
  };
}

/**
 * Groups from a CSV with `group` and `email` columns, in file order.
 *
 * @throws UserError `bad-csv` with the line that is wrong.
 */
export function parseGroupsCsv(csv: string): Array<{ name: string; members: string[] }> {
  let records;
  try {
    records = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new UserError('bad-csv', `Line ${err.line} of the file is not valid CSV: ${err.message}`);
    throw err;
  }
  const header = records.shift()?.cells.map((c) => c.trim().toLowerCase());
  const gi = header?.findIndex((h) => h === 'group' || h === 'group_name' || h === 'name') ?? -1;
  const ei = header?.findIndex((h) => h === 'email') ?? -1;
  if (gi < 0 || ei < 0) throw new UserError('bad-csv', 'The file needs a header row with the columns group and email (one row per member).');
  const groups = new Map<string, string[]>();
  for (const r of records) {
    const name = (r.cells[gi] ?? '').trim();
    const email = (r.cells[ei] ?? '').trim();
    if (!email) continue;
    if (!/^[^\s@/]+@[^\s@/]+$/.test(email)) throw new UserError('bad-csv', `Line ${r.line}: "${email}" is not an email address.`);
    const list = groups.get(name) ?? [];
    list.push(email);
    groups.set(name, list);
  }
  if (!groups.size) throw new UserError('bad-csv', 'The file has a header row but no members.');
  return [...groups].map(([name, members]) => ({ name, members }));
}

/** The class view, groups and problems channels. */
export class ClassService {
  private readonly guard: InstructorGuard;

  constructor(private readonly deps: ClassServiceDeps) {
    this.guard = new InstructorGuard(deps);
  }

  /** `class:view`: fresh when the server answers, else the cached copy with its age. */
  async view({ accountId, course, assessment }: ChannelInput<'class:view'>): Promise<ChannelOutput<'class:view'>> {
    const { cache } = await this.deps.session(accountId);
    const result = await this.guard.run(accountId, course, (c) =>
      cache.cached(classKey(course, assessment), ClassBundleSchema, async () => {
        const [scores, roster, problems] = await Promise.all([c.scores(course, assessment), c.enrollments(course), c.problems(course, assessment)]);
        return { scores, roster, problems };
      }),
    );
    return {
      data: buildClassView(course, assessment, result.data.scores, result.data.roster, result.data.problems),
      fetchedAt: Date.parse(result.fetchedAt),
      stale: result.stale,
      error: result.error ?? null,
    };
  }

  /** `groups:list`. */
  async groups({ accountId, course, assessment }: ChannelInput<'groups:list'>): Promise<ChannelOutput<'groups:list'>> {
    return this.guard.run(accountId, course, (c) => this.readGroups(c, course, assessment));
  }

  /** `groups:settings`: the group size and whether students may form groups. */
  async settings({ accountId, course, assessment, groupSize, allowStudentAssign }: ChannelInput<'groups:settings'>): Promise<ChannelOutput<'groups:settings'>> {
    return this.guard.run(accountId, course, async (c) => {
      await c.setGroupSettings(course, assessment, groupSize, allowStudentAssign);
      return this.readGroups(c, course, assessment);
    });
  }

  /**
   * `groups:create`: Autolab adds only enrolled members who are in no group yet,
   * and skips a group with nobody to add, silently; the answer says who was left out.
   */
  async create(input: ChannelInput<'groups:create'>): Promise<ChannelOutput<'groups:create'>> {
    const { accountId, course, assessment } = input;
    const wanted = input.groups ?? parseGroupsCsv(input.csv ?? '');
    return this.guard.run(accountId, course, async (c) => {
      const before = new Set((await c.groups(course, assessment, false)).groups.flatMap((g) => (Array.isArray(g) ? [] : [g.id])));
      await c.createGroups(course, assessment, wanted);
      const view = await this.readGroups(c, course, assessment);
      const fresh = view.groups.filter((g) => !before.has(g.id));
      const placed = new Set(fresh.flatMap((g) => g.members.map((m) => m.email.toLowerCase())));
      const leftOut = [...new Set(wanted.flatMap((g) => g.members))].filter((e) => !placed.has(e.toLowerCase()));
      return { ...view, leftOut };
    });
  }

  /** `groups:delete`. */
  async deleteGroup({ accountId, course, assessment, id }: ChannelInput<'groups:delete'>): Promise<ChannelOutput<'groups:delete'>> {
    return this.guard.run(accountId, course, async (c) => {
      await c.deleteGroup(course, assessment, id);
      return this.readGroups(c, course, assessment);
    });
  }

  /** `problems:add`: 201 with the problem; a duplicate name is Autolab's 500 "Unable to create problem". */
  async addProblem({ accountId, course, assessment, name, maxScore, description, optional }: ChannelInput<'problems:add'>): Promise<ChannelOutput<'problems:add'>> {
    return this.guard.run(accountId, course, async (c) => {
      const p = await c.createProblem(course, assessment, { name, max_score: maxScore, ...(description ? { description } : {}), ...(optional ? { optional } : {}) });
      return { name: p.name, maxScore: p.max_score };
    });
  }

  private async readGroups(c: AutolabClient, course: string, assessment: string): Promise<GroupsView> {
    const [plain, members, roster] = await Promise.all([c.groups(course, assessment, false), c.groups(course, assessment, true), c.enrollments(course)]);
    return groupsView(plain, members, roster);
  }
}
