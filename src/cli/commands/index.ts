import type { Command } from '../command';
import { kernelCommand } from './kernel';

/**
 * Every `overlay-lab` subcommand. One import and one entry per command file; keep the
 * list in the order `--help` shows it.
 */
export const commands: Command[] = [kernelCommand];
