/* Pure: exercises whose facts the union model computes, in a notebook or in the browser. */
import { UnionLab } from '../scenario/lab';
import { presetById } from '../scenario/presets';
import type { Exercise } from './exercise';

/** An exercise whose facts the union model gives anywhere (notebook or browser), from a fresh mount. */
export interface ModelExercise<P, F> extends Exercise<P, F> {
  /** The facts, computed by the model from the lesson's own stack and steps. */
  model(): F;
}

/** Mounts a preset's stack in the model; the presets are mountable, so a refusal is a bug. */
export function mountPreset(id: string, options = '', readOnly = false): UnionLab {
  const lab = UnionLab.create({ setup: presetById(id)!.text, options, readOnly });
  if ('refused' in lab) throw new Error(`preset ${id}: ${lab.refused}`);
  return lab;
}

