/* The arithmetic behind overlay2's layer limit, computed by the library (src/docker/store/mount-limits.ts), as a table. */
import React from 'react';
import Translate from '@docusaurus/Translate';
import { layerLimitArithmetic, SELINUX_LABEL_RESERVE, SHORT_LINK_LENGTH } from '../../../../src/browser';
import useFormatNumber from '../Fact/useFormatNumber';

export default function LayerLimits({ dockerRoot = '/var/lib/docker' }: { dockerRoot?: string }) {
  const a = layerLimitArithmetic(dockerRoot);
  const n = useFormatNumber();
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
              <Translate id="limits.fits" description="Column: how many layers fit in one page" values={{ max: n(a.maxOptionChars) }}>
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
              <td>{n(c.perLayer)}</td>
              <td>{n(c.fits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Translate
          id="limits.moby"
          description="Moby's inequality with the figures filled in"
          values={{
            id: n(SHORT_LINK_LENGTH),
            reserve: n(SELINUX_LABEL_RESERVE),
            left: n(a.mobyBudget.left),
            right: n(a.mobyBudget.right),
            depth: n(a.dockerMaxDepth),
            store: n(a.layerStoreMaxDepth),
            kernel: n(a.kernelMaxLowers),
            page: n(a.pageSize),
          }}>
          {'Desigualdade do moby: ({id} + 1 + 1) × {depth} = {left} ≤ {page} − {reserve} = {right}. O overlay2 aceita no máximo {depth} camadas abaixo de uma camada; o armazenamento de camadas do Docker para uma imagem antes, em {store}; o kernel aceitaria {kernel}.'}
        </Translate>
      </p>
    </div>
  );
}
