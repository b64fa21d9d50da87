/* Pure: every lesson's exercises, by id, for the notebooks, the site and the instructor's answer sheet. */
import type { Exercise } from './exercise';
import type { ModelExercise } from './model';
import { SEED_LAB_EXERCISES } from './seed-lab';
import { UNION_MOUNT_EXERCISES } from './union-mount-simulation';
import { LIFECYCLE_EXERCISES } from './container-lifecycle';
import { SIMULATION_VS_KERNEL_EXERCISES } from './simulation-vs-kernel';
import { REAL_IMAGE_EXERCISES } from './real-image';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExercise = Exercise<any, any>;

/** Every exercise, lesson by lesson in the course's order. */
export const EXERCISES: readonly AnyExercise[] = [...SEED_LAB_EXERCISES, ...UNION_MOUNT_EXERCISES, ...LIFECYCLE_EXERCISES, ...SIMULATION_VS_KERNEL_EXERCISES, ...REAL_IMAGE_EXERCISES];

/**
 * @example exerciseById('seed-lab/run-dirs')?.lesson // 'seed-lab'
 */
export function exerciseById(id: string): AnyExercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}

/**
 * Whether the model computes this exercise's facts (then the browser can too).
 * @example isModelExercise(exerciseById('union-mount-simulation/rm-passwd-upper')!) // true
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isModelExercise(e: AnyExercise): e is ModelExercise<any, any> {
  return typeof (e as { model?: unknown }).model === 'function';
}
