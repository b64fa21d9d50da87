/**
 * Starting stacks for demos, the playground and the notebooks, written in the scenario
 * language so every view builds them the same way. `ubuntu` follows the seed lab: a base
 * layer, a package layer that changes files, and a clean-up layer that deletes a file
 * (whiteout) and replaces a directory (opaque).
 */
export interface Preset {
  id: string;
  title: { 'pt-BR': string; en: string };
  /** Setup lines (L<i>: / U:) only. */
  text: string;
  /** Mount options the preset is meant for. */
  options?: string;
  /** Lower layers to mount when the text names fewer. */
  lowers?: number;
}

const UBUNTU = `
# L2: the base image layer (what "docker pull ubuntu" brings)
L2: write etc/os-release NAME="Ubuntu"\\nVERSION="24.04 LTS (Noble Numbat)"\\n
L2: write etc/hostname ubuntu\\n
L2: write etc/motd Welcome to Ubuntu\\n
L2: write etc/passwd root:x:0:0:root:/root:/bin/bash\\n
L2: write bin/bash \\x7fELF-bash
L2: ln bin/bash bin/sh
L2: symlink bash bin/rbash
L2: write usr/share/doc/base/README base files\\n
L2: write var/cache/apt/pkgcache.bin cache-v1
L2: write var/cache/apt/srcpkgcache.bin cache-v1
L2: mkdirp tmp
L2: chmod 1777 tmp
L2: mkdirp root
L2: chmod 0700 root
# L1: RUN apt-get update && apt-get install -y curl
L1: write usr/bin/curl \\x7fELF-curl
L1: write etc/os-release NAME="Ubuntu"\\nVERSION="24.04.1 LTS (Noble Numbat)"\\n
L1: write var/lib/apt/lists/archive_noble_InRelease lists
L1: write var/cache/apt/pkgcache.bin cache-v2
# L0: RUN rm /etc/motd && rm -rf /var/cache/apt && mkdir /var/cache/apt
L0: whiteout etc/motd
L0: opaque var/cache/apt
L0: write var/cache/apt/.keep \\n
`;

export const PRESETS: Preset[] = [
  { id: 'ubuntu', title: { 'pt-BR': 'pilha parecida com a do ubuntu (a do laboratório)', en: 'ubuntu-like stack (the lab’s)' }, text: UBUNTU },
  { id: 'empty', title: { 'pt-BR': 'duas camadas vazias', en: 'two empty layers' }, text: '', lowers: 2 },
  {
    id: 'whiteout',
    title: { 'pt-BR': 'arquivo apagado numa camada de cima', en: 'a file deleted by an upper layer' },
    text: 'L1: write app/config.yml debug: true\\n\nL1: write app/main.py print("hi")\\n\nL0: whiteout app/config.yml\n',
  },
  {
    id: 'opaque',
    title: { 'pt-BR': 'diretório substituído (opaco)', en: 'a replaced directory (opaque)' },
    text: 'L1: write data/old-1 1\nL1: write data/old-2 2\nL0: opaque data\nL0: write data/new 3\n',
  },
  {
    id: 'hardlinks',
    title: { 'pt-BR': 'links físicos numa camada inferior', en: 'hard links in a lower layer' },
    text: 'L1: write bin/busybox \\x7fELF-busybox\nL1: ln bin/busybox bin/ls\nL1: ln bin/busybox bin/cat\nL0: write etc/issue hello\\n\n',
    options: 'index=on',
  },
  {
    id: 'redirect',
    title: { 'pt-BR': 'diretório para renomear (redirect_dir)', en: 'a directory to rename (redirect_dir)' },
    text: 'L1: write srv/www/index.html <h1>hi</h1>\\n\nL1: write srv/www/app.js 1\nL0: write srv/README ok\\n\n',
    options: 'redirect_dir=on',
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
