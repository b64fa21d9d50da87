// The lifecycle lesson's views: a check in the student's language (right, wrong, empty,
// unreadable) and the df table kept to the lesson's images on a busy engine.
import { describe, expect, it } from 'vitest';
import { commitWhiteout, volumeSurvives } from '../../src/course/container-lifecycle';
import { diskUsageBundle } from '../../src/render/notebook-lifecycle';
import { verdictBundle } from '../../src/render/exercise';
import type { DiskUsageComparison } from '../../src/docker/lifecycle/disk-usage';

const kept = { volumeFile: '/data/a', volumeKept: true, upperFile: '/root/a', upperKept: false };

describe('the lifecycle check in the student’s language (the course’s one verdict view)', () => {
  it('says right or wrong, what happened and why, in pt-BR and en', () => {
    const right = verdictBundle(volumeSurvives, 'o do volume', kept, 'pt-BR');
    expect(right['text/plain']).toMatch(/^✔ Acertou\.\nO que aconteceu: \/data\/a: continua lá\. \/root\/a: sumiu\./);
    expect(right['text/plain']).toContain('Por quê: O volume é montado');
    expect(right.meta).toMatchObject({ exercise: 'container-lifecycle/volume-survives', part: 'verdict', correct: true });
    expect(JSON.parse(String(right.meta?.facts))).toEqual(kept);
    const wrong = verdictBundle(volumeSurvives, 'both', kept, 'en');
    expect(wrong['text/plain']).toMatch(/^✘ Not this time: the prediction was "both"\./);
    expect(wrong.meta).toMatchObject({ correct: false });
  });

  it('an empty prediction still shows what happened; an unreadable one repeats the form', () => {
    const facts = { path: '/etc/group', kind: 'deleted' as const, charDevice: true, major: 0, minor: 0 };
    const empty = verdictBundle(commitWhiteout, '  ', facts, 'pt-BR');
    expect(empty['text/plain']).toMatch(/^⚠ Ainda sem previsão: .* O que aconteceu: \/etc\/group na camada nova é um dispositivo de caractere 0\/0: um whiteout\./);
    const odd = verdictBundle(commitWhiteout, 'talvez', facts, 'en');
    expect(odd['text/plain']).toMatch(/^⚠ Could not read the prediction "talvez"\. One word: 'whiteout', 'file' or 'nothing'\./);
    expect(odd.meta).not.toHaveProperty('correct');
  });
});

describe('the df view on a busy engine', () => {
  const image = (name: string, dirs: string[]) => ({ name, layers: dirs.length, dirs, sharedLayers: 0, engineSize: 1, engineShared: 0, storeSize: 1, storeShared: 0 });
  const u: DiskUsageComparison = {
    engine: { layersSize: 3, images: [], containers: [], volumes: [], buildCacheSize: 0 },
    layerDirs: 3,
    storeLayersSize: 3,
    storeLayersApparent: 3,
    engineImagesSum: 3,
    storeImagesSum: 3,
    images: [image('lesson', ['a', 'b']), image('base', ['a']), image('other', ['c'])],
    containers: [],
    volumes: [],
  };

  it('shows the focused images and those sharing a layer with them, and counts the rest', () => {
    const en = diskUsageBundle(u, 'en', ['lesson'])['text/plain'];
    expect(en).toMatch(/^lesson\s/m);
    expect(en).toMatch(/^base\s/m);
    expect(en).not.toMatch(/^other\s/m);
    expect(en).toContain('… and 1 more image on this engine, sharing no layer with these (the totals above count it).');
    expect(diskUsageBundle(u, 'pt-BR', ['lesson'])['text/plain']).toContain('… e mais 1 imagem neste engine');
    expect(diskUsageBundle(u, 'en')['text/plain']).toMatch(/^other\s/m);
  });
});
