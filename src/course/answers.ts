/* Pure: the instructor's answer sheet, built from the exercises' own `answer` fields so it never drifts. */
import type { Lang } from '../i18n/lang';
import { EXERCISES } from './registry';
import { COURSE, LESSON_TITLES, lessonNotebook, type Lesson } from './lessons';

export interface AnswerSheetLesson {
  lesson: Lesson;
  /** `04-simulation-vs-kernel`. */
  notebook: string;
  title: string;
  exercises: { id: string; question: string; answer: string }[];
}

/**
 * Every lesson that has exercises, in the course's order, with each question and its answer.
 * @example answerSheet('en')[0].exercises[0].answer // 'Two: the container's writable layer, …'
 */
export function answerSheet(lang: Lang): AnswerSheetLesson[] {
  return COURSE.map((lesson) => ({
    lesson,
    notebook: lessonNotebook(lesson),
    title: LESSON_TITLES[lesson][lang],
    exercises: EXERCISES.filter((e) => e.lesson === lesson).map((e) => ({ id: e.id, question: e.question[lang], answer: e.answer[lang] })),
  })).filter((l) => l.exercises.length > 0);
}
