/**
 * overlay-lab for Node (the CLI, the notebooks, scripts): everything, the browser's pure parts
 * plus the live inspection, the kernel runner, archives on disk and the Node views.
 * @example import { inspectHost } from 'overlay-lab'; const { model } = await inspectHost();
 */
export * from './browser';
export { runOnKernel, kernelUnavailable, kernelUnavailableWhy } from './kernel/run';
export { readLayerDir } from './image/layer-dir';
export * from './docker/engine/engine';
export * from './docker/engine/dockerode-engine';
export * from './docker/errors';
export * from './docker/store/store-kind';
export * from './docker/access/scan';
export * from './docker/store/host-model';
export * from './docker/store/init-layer';
export * from './docker/access/access';
export * from './docker/inspect';
export * from './docker/engine/provenance';
export * from './lab/seed-lab';
export * from './docker/containerd/containerd-store';
export * from './docker/access/helper-image';
export * from './docker/containerd/bolt';
export * from './render/notebook-html';
export * from './render/notebook-display';
export * from './render/notebook-lab';
export * from './render/notebook-kernel';
export * from './render/notebook-docker';
export * from './render/notebook-image';
export * from './render/notebook-on-disk';
export * from './render/notebook-grid';
export * from './render/notebook-seed';
export { nodeImageIo, loadImageArchive, loadImageDir, loadLayerDirs, loadImageFromEngine, openImage } from './image/node';
export * from './lab/tour';
export * from './lab/tour-resources';
export * from './lab/tour-simulated';
export * from './lab/tour-signals';
export * from './lab/cleanup';
export * from './lab/lab-engine';
export { TOUR_LABEL, TOUR_IMAGE_LABEL, TEST_LABEL, BENCH_LABEL, SESSION_LABEL, LAB_REPOSITORY, CREATION_LABELS, isLabTag } from './lab/lab-labels';
export * from './render/tour-text';
export * from './render/tour-wrap';
export { notebookToMdx, mdxProse, type NotebookJson, type NotebookCell, type NotebookOutput, type NotebookMdxOptions } from './render/notebook-mdx';
export * from './docker/store/role-counts';
