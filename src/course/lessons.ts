/* Pure: the course's order, read by the notebook tests, the instructor's page and the sidebar's check. */

/**
 * The lessons in the order a student who has just done the seed lab meets them: the seed,
 * corrected; the union mount by simulation (where copy-up, whiteouts and opaque directories are
 * defined); the live store; the kernel's agreement; real images. A notebook is named
 * `<NN>-<lesson>`, NN its place here (from 01), so the notebook numbers and the sidebar (sorted by
 * file name) follow this order.
 */
export const COURSE = ['seed-lab', 'union-mount-simulation', 'container-lifecycle', 'simulation-vs-kernel', 'real-image'] as const;
export type Lesson = (typeof COURSE)[number];

/**
 * The notebook's base name of a lesson.
 * @example lessonNotebook('real-image') // '05-real-image'
 */
export function lessonNotebook(lesson: Lesson): string {
  return `${String(COURSE.indexOf(lesson) + 1).padStart(2, '0')}-${lesson}`;
}

/** Each lesson's title, as its notebook's heading says it (without the number). */
export const LESSON_TITLES: Record<Lesson, { 'pt-BR': string; en: string }> = {
  'seed-lab': { 'pt-BR': 'O laboratório original, ao vivo', en: 'The seed lab, live' },
  'union-mount-simulation': { 'pt-BR': 'Montagem de união, por simulação', en: 'Union mount, by simulation' },
  'container-lifecycle': { 'pt-BR': 'O armazenamento ao vivo: a vida de um contêiner', en: "The live store: a container's life" },
  'simulation-vs-kernel': { 'pt-BR': 'Simulação contra o kernel, lado a lado', en: 'Simulation against the kernel, side by side' },
  'real-image': { 'pt-BR': 'Uma imagem real dentro do motor', en: 'A real image inside the engine' },
};
