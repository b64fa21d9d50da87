/** overlay-lab's public library: one truth for every view (CLI, notebooks, site, playground). */
export * from './i18n/lang';
export * from './i18n/errors';
export * from './union';
export * from './scenario';
export { runOnKernel, kernelUnavailable } from './kernel/run';
export { readLayerDir } from './image/layer-dir';
export * from './docker/layout';
export * from './docker/mount-limits';
export * from './docker/chain-id';
export * from './docker/engine';
export * from './docker/dockerode-engine';
export * from './docker/errors';
export * from './docker/store-kind';
export * from './docker/scan';
export * from './docker/model';
export * from './docker/host-model';
export * from './docker/mountinfo';
export * from './docker/changes';
export * from './docker/init-layer';
export * from './docker/snapshot';
export * from './docker/access';
export * from './docker/inspect';
export * from './docker/simulated-host';
export * from './docker/containerd-store';
export * from './docker/helper-image';
export * from './docker/bolt';
// Notebook views (issue 5): HTML tables, Mermaid bundles, display in tslab.
export * from './render/notebook-html';
export * from './render/notebook-display';
export * from './render/notebook-lab';
export * from './render/notebook-kernel';
export * from './render/notebook-docker';
export * from './render/notebook-image';
// Real images in the engine (issue 4): archives, OCI layouts, layer dirs; provenance, layer diffs, wasted space.
export * from './image';
export { nodeImageIo, loadImageArchive, loadImageDir, loadLayerDirs, loadImageFromEngine, openImage } from './image/node';
// The classroom tour and cleanup (issue 7): steps live and simulated, what the tour makes, cleanup rules, views.
export * from './docker/tour';
export * from './docker/tour-resources';
export * from './docker/tour-simulated';
export * from './docker/tour-signals';
export * from './docker/cleanup';
export * from './docker/lab-engine';
export { TOUR_LABEL, TOUR_IMAGE_LABEL, TEST_LABEL, BENCH_LABEL, SESSION_LABEL, LAB_REPOSITORY, CREATION_LABELS, isLabTag } from './docker/lab-labels';
export * from './render/tour-text';
export * from './render/tour-wrap';
