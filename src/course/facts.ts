/* Pure: the facts an exercise's check compares a prediction with, read from a run or the model. */

/** One overlay2 directory that appeared, by the role the engine gives it. */
export interface StoreDir {
  id: string;
  kind: 'image-layer' | 'unused-layer' | 'container-layer' | 'init-layer' | 'orphan';
}

/** What a step added to the store (only what the step's own image or container owns). */
export interface StoreGrowth {
  added: StoreDir[];
}
