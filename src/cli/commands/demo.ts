import { OverlayLabError } from '../../i18n/errors';
import { say } from '../../i18n/format';
import type { Localized } from '../../i18n/lang';
import { UnionLab } from '../../scenario/lab';
import { presetById } from '../../scenario/presets';
import { renderLayer, renderMerged, renderStackDrawing, renderStep } from '../../render/lab-text';
import type { Command } from '../command';

/** The seed lab's ubuntu-like stack, played step by step: each step a command and why it does what it does. */
const STEPS: { line: string; why: Localized }[] = [
  { line: 'read etc/os-release', why: { en: 'Reading finds the topmost layer that has the file (L1 changed it); nothing is copied.', 'pt-BR': 'Ler encontra a camada mais alta que tem o arquivo (L1 o alterou); nada é copiado.' } },
  { line: 'append etc/hostname container-1\\n', why: { en: 'Writing a lower file copies it up whole to the upper layer first: copy-up.', 'pt-BR': 'Escrever num arquivo inferior primeiro o copia inteiro para a camada superior: copy-up.' } },
  { line: 'rm etc/passwd', why: { en: 'A lower file cannot be deleted; a whiteout (char device 0/0) in the upper layer hides it.', 'pt-BR': 'Um arquivo inferior não pode ser apagado; um whiteout (dispositivo de caractere 0/0) na camada superior o esconde.' } },
  { line: 'read etc/motd', why: { en: 'L0 deleted /etc/motd with its own whiteout: the file in L2 is hidden.', 'pt-BR': 'L0 apagou /etc/motd com um whiteout próprio: o arquivo da L2 fica escondido.' } },
  { line: 'rmrf var/cache/apt', why: { en: 'Removing a directory removes each entry (whiteouts where lower layers have them), then the directory.', 'pt-BR': 'Remover um diretório remove cada entrada (whiteouts onde as camadas inferiores as têm) e depois o diretório.' } },
  { line: 'mkdir var/cache/apt', why: { en: 'A directory made where a whiteout stands is opaque: nothing from below shows through it.', 'pt-BR': 'Um diretório criado onde há um whiteout é opaco: nada de baixo aparece nele.' } },
  { line: 'rename usr/share usr/doc', why: { en: 'Without redirect_dir=on a lower directory cannot be renamed: EXDEV. Programs such as mv then copy it.', 'pt-BR': 'Sem redirect_dir=on um diretório inferior não pode ser renomeado: EXDEV. Programas como o mv então o copiam.' } },
  { line: 'mv usr/share usr/doc', why: { en: 'mv saw EXDEV, copied the tree into the upper layer and deleted the old one (whiteouts).', 'pt-BR': 'O mv recebeu EXDEV, copiou a árvore para a camada superior e apagou a antiga (whiteouts).' } },
  { line: 'chmod 0755 bin/bash', why: { en: 'Changing metadata copies the file up too (only metadata with metacopy=on). bin/sh was a hard link to it: without index=on the link breaks.', 'pt-BR': 'Mudar metadados também copia o arquivo (só os metadados com metacopy=on). bin/sh era um link físico dele: sem index=on o link se quebra.' } },
];

export const demoCommand: Command = {
  name: 'demo',
  summary: { en: 'play the seed lab on the union-mount engine, step by step', 'pt-BR': 'encena o laboratório no motor de união, passo a passo' },
  usage: 'overlay-lab demo [-o OPTS]',
  async run(argv, ctx) {
    const lang = ctx.lang;
    const options = argv[0] === '-o' ? (argv[1] ?? '') : '';
    const preset = presetById('ubuntu')!;
    const lab = UnionLab.create({ setup: preset.text, options });
    if ('refused' in lab) {
      throw new OverlayLabError('EMOUNT', { en: 'the kernel would refuse this mount: {why}', 'pt-BR': 'o kernel recusaria esta montagem: {why}' }, { why: lab.refused });
    }
    const pt = lang === 'pt-BR';
    ctx.out(pt
      ? `overlay-lab: o laboratório OverlayFS simulado (motor overlay-lab, conferido com o kernel)\nPilha: ${preset.title['pt-BR']}, opções: ${options || '(padrão)'}\n\n`
      : `overlay-lab: the OverlayFS lab, simulated (overlay-lab engine, checked against the kernel)\nStack: ${preset.title.en}, options: ${options || '(defaults)'}\n\n`);
    ctx.out(renderStackDrawing(lab.view(), lang) + '\n');
    for (const l of lab.view().lowers) ctx.out(renderLayer(l, lang) + '\n');
    STEPS.forEach((s, i) => {
      ctx.out(`${pt ? 'Passo' : 'Step'} ${i + 1}. ${say(s.why, lang)}\n`);
      ctx.out(renderStep(lab.run(s.line), lang) + '\n');
    });
    const view = lab.view();
    ctx.out(renderLayer(view.upper!, lang) + '\n');
    ctx.out(renderMerged(view, lang));
    return 0;
  },
};
