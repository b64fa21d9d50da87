/** The union-mount engine: a pure model of OverlayFS (no Node imports; runs in the browser too). */
export * from './config';
export * from './dentry';
export * from './errno';
export * from './events';
export * from './inode';
export * from './overlay';
export * from './path';
export * from './plainfs';
export * from './sha256';
export * from './limits';
