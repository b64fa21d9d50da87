import type { Command } from '../command';
import { demoCommand } from './demo';
import { kernelCommand } from './kernel';
import { simCommand } from './sim';
import { layersCommand } from './layers';
import { imageCommand } from './image';
import { containerCommand } from './container';
import { snapshotCommand } from './snapshot';
import { diffCommand } from './diff';
import { archiveCommand } from './archive';
import { historyCommand } from './history';
import { layerDiffCommand } from './layer-diff';
import { tourCommand } from './tour';
import { cleanupCommand } from './cleanup';
import { watchCommand } from './watch';
import { serveCommand } from './serve';

/**
 * Every `overlay-lab` subcommand. One import and one entry per command file; keep the
 * list in the order `--help` shows it.
 */
export const commands: Command[] = [
  demoCommand,
  simCommand,
  kernelCommand,
  layersCommand,
  imageCommand,
  containerCommand,
  snapshotCommand,
  diffCommand,
  watchCommand,
  serveCommand,
  archiveCommand,
  historyCommand,
  layerDiffCommand,
  tourCommand,
  cleanupCommand,
];
