/**
 * A course's own views for a student (issue 15): Assessments and Grades, and
 * the course on the Autolab website. Instructors and course assistants have
 * their tabs (CourseTabs) instead of the Grades link.
 */
import { OpenOnAutolab } from '../../components/OpenOnAutolab';
import { useCourses } from '../../store/courses-store';
import { useNavigation } from '../../store/navigation-store';

/** Props of {@link CourseLinks}. */
export interface CourseLinksProps {
  accountId: string;
  course: string;
  current: 'assessments' | 'grades';
}

/** The course view links. */
export function CourseLinks({ accountId, course, current }: CourseLinksProps) {
  const go = useNavigation((s) => s.go);
  const role = useCourses((s) => s.courses[accountId]?.result?.data.find((c) => c.name === course)?.role);
  const student = role === undefined || role === 'student';
  return (
    <div className="course-links">
      {student && (
        <nav aria-label="Course views" className="course-tabs">
          <button type="button" className="course-tab" aria-current={current === 'assessments' ? 'page' : undefined} onClick={() => go({ name: 'course', accountId, course })}>
            Assessments
          </button>
          <button type="button" className="course-tab" aria-current={current === 'grades' ? 'page' : undefined} onClick={() => go({ name: 'grades', accountId, course })}>
            Grades
          </button>
        </nav>
      )}
      <OpenOnAutolab accountId={accountId} course={course} label="Course on Autolab" />
    </div>
  );
}
