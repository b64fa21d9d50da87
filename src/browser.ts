/**
 * overlay-lab for the browser (the site, the playground): the pure parts, nothing that needs
 * Node. The architecture test holds that nothing reachable from here imports a Node module.
 */
export * from './i18n/lang';
export * from './i18n/format';
export * from './i18n/terms';
export * from './i18n/errors';
export * from './union';
export * from './scenario';
export * from './image';
export * from './docker/store/layout';
export * from './docker/store/mount-limits';
export * from './docker/store/chain-id';
export * from './docker/store/model';
export * from './docker/store/mountinfo';
export * from './docker/store/changes';
export * from './docker/store/snapshot';
export * from './docker/hosts/simulated-host';
export * from './render/mermaid-lab';
export * from './render/mermaid-stack';
export * from './render/lab-report';
export * from './render/notebook-provenance';
export * from './render/notebook-record';
export * from './course';
export * from './render/mermaid-grid';
export * from './docker/store/on-disk';
export * from './render/mermaid-on-disk';
export * from './docker/store/host-model';
export * from './render/overlay2-text';
export * from './image/web-hash';
export * from './image/hash-port';
