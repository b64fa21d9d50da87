/** Real images in the engine: archives, layout and layer directories -> layers; provenance, diffs, waste. */
export * from './browser-io';
export * from './byte-reader';
export * from './errors';
export * from './filter';
export * from './history';
export * from './image';
export * from './layer-builder';
export * from './layer-diff';
export * from './load-archive';
export * from './manifest';
export * from './merged';
export * from './read-layer';
export * from './sha256-stream';
export * from './size';
export * from './stack';
export * from './tar';
export * from './wasted';
