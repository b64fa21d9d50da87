/* Pure: the course room's public face: lessons, exercises, their checks and the answer sheet. */
export * from './exercise';
export * from './facts';
export * from './lessons';
export * from './model';
export * from './predictions';
export * from './seed-lab';
export * from './union-mount-simulation';
export * from './container-lifecycle';
export * from './simulation-vs-kernel';
export * from './real-image';
export * from './registry';
export * from './answers';
