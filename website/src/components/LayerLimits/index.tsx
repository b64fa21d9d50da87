/* The 128-layer arithmetic, computed by the library (src/docker/mount-limits.ts), as a table. */
import React from 'react';
import Translate from '@docusaurus/Translate';
import { layerLimitArithmetic } from '../../../../src/docker/mount-limits';

export default function LayerLimits({ dockerRoot = '/var/lib/docker' }: { dockerRoot?: string }) {
  const a = layerLimitArithmetic(dockerRoot);
  return (
    <div data-testid="layer-limits">
      <table>
        <thead>
          <tr>
            <th scope="col">
              <Translate id="limits.spelling" description="Column: how the lowerdir entries are written">como cada lowerdir é escrito</Translate>
            </th>
            <th scope="col">
              <Translate id="limits.perLayer" description="Column: characters per layer">caracteres por camada</Translate>
            </th>
            <th scope="col">
              <Translate id="limits.fits" description="Column: how many layers fit in one page" values={{ max: a.maxOptionChars }}>
                {'camadas que cabem em {max} caracteres'}
              </Translate>
            </th>
          </tr>
        </thead>
        <tbody>
          {a.capacities.map((c) => (
            <tr key={c.spelling} data-spelling={c.spelling}>
              <td>
                <code>{c.spelling}</code>
              </td>
              <td>{c.perLayer}</td>
              <td>{c.fits}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Translate
          id="limits.moby"
          description="Moby's inequality with the figures filled in"
          values={{ left: a.mobyBudget.left, right: a.mobyBudget.right, depth: a.dockerMaxDepth, kernel: a.kernelMaxLowers, page: a.pageSize }}>
          {'Desigualdade do moby: (26 + 1 + 1) × {depth} = {left} ≤ {page} − 512 = {right}. O Docker para em {depth} camadas; o kernel aceitaria {kernel}.'}
        </Translate>
      </p>
    </div>
  );
}
