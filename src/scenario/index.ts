/** The scenario language, its canonical report, the simulator and the lab facade (pure). */
export * from './content';
export * from './execute';
export * from './lab';
export * from './layer-grid';
export * from './model-syscalls';
export * from './ops';
export * from './options';
export * from './parse';
export * from './presets';
export * from './quote';
export * from './report';
export * from './simulate';
export * from './write';
export { SCENARIO_UMASK, type Syscalls, type StatResult } from './syscalls';
export * from './key-lines';
