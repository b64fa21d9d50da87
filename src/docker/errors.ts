import { OverlayLabError } from '../i18n/errors';

/**
 * Exit statuses, from BSD sysexits.h so scripts can tell failures apart:
 * 64 usage, 65 bad data, 66 no input, 69 service unavailable, 75 try again, 77 no permission,
 * 78 configuration.
 */
export const EXIT = { usage: 64, data: 65, noInput: 66, unavailable: 69, tempFail: 75, noPerm: 77, config: 78 } as const;

/**
 * No engine answers: the socket is missing or refuses connections.
 * @example throw noEngine('/var/run/docker.sock', 'ENOENT')
 */
export function noEngine(where: string, cause: string): OverlayLabError {
  return new OverlayLabError(
    'ENOENGINE',
    { en: 'no Docker engine at {where} ({cause}).', 'pt-BR': 'nenhum Docker engine em {where} ({cause}).' },
    { where, cause },
    {
      en: 'Start it (sudo systemctl start docker, or sudo dockerd &), set DOCKER_HOST, or add --simulated to look at the built-in example host.',
      'pt-BR': 'Inicie-o (sudo systemctl start docker, ou sudo dockerd &), defina DOCKER_HOST, ou use --simulated para ver o host de exemplo embutido.',
    },
    EXIT.unavailable,
  );
}

/**
 * The socket exists but this user may not open it.
 * @example throw socketPermission('/var/run/docker.sock')
 */
export function socketPermission(where: string): OverlayLabError {
  return new OverlayLabError(
    'EDOCKERPERM',
    { en: 'permission denied on {where}.', 'pt-BR': 'permissão negada em {where}.' },
    { where },
    {
      en: 'Run with sudo, or add your user to the docker group (sudo usermod -aG docker $USER, then log in again).',
      'pt-BR': 'Rode com sudo, ou adicione seu usuário ao grupo docker (sudo usermod -aG docker $USER e entre de novo).',
    },
    EXIT.noPerm,
  );
}

/**
 * The engine answered, with an error status: it is there, it refused this request.
 * @example throw engineRefused('/var/run/docker.sock', 'docker save busybox', 500, 'layer does not exist')
 */
export function engineRefused(where: string, request: string, status: number, message: string): OverlayLabError {
  return new OverlayLabError(
    'EENGINE',
    { en: 'the Docker engine at {where} refused {request} (HTTP {status}): {message}', 'pt-BR': 'o Docker engine em {where} recusou {request} (HTTP {status}): {message}' },
    { where, request, status: String(status), message },
    {
      en: 'Its own log says why (journalctl -u docker, or the dockerd log); try the same with the docker command.',
      'pt-BR': 'O próprio log dele diz o motivo (journalctl -u docker, ou o log do dockerd); tente o mesmo com o comando docker.',
    },
    EXIT.unavailable,
  );
}

/**
 * ssh:// could not log in or open the session: as with the docker CLI, the engine is reached
 * by running `docker system dial-stdio` on that machine over ssh, which needs a key the agent
 * offers (no password prompt here) and the docker CLI there.
 * @example throw sshFailed('ssh://root@10.0.0.2', 'All configured authentication methods failed')
 */
export function sshFailed(where: string, reason: string): OverlayLabError {
  return new OverlayLabError(
    'ESSH',
    { en: 'could not reach the Docker engine over ssh at {where}: {reason}.', 'pt-BR': 'não foi possível chegar ao Docker engine por ssh em {where}: {reason}.' },
    { where, reason },
    {
      en: 'Check that `ssh USER@HOST docker version` works there without a password: load your key into an ssh agent (ssh-add; SSH_AUTH_SOCK set), or keep it without a passphrase in ~/.ssh/id_ed25519, and install the docker CLI on that machine.',
      'pt-BR': 'Confira se `ssh USUÁRIO@HOST docker version` funciona lá sem senha: carregue sua chave num agente ssh (ssh-add; SSH_AUTH_SOCK definido), ou deixe-a sem senha em ~/.ssh/id_ed25519, e instale o docker CLI naquela máquina.',
    },
    EXIT.unavailable,
  );
}

/**
 * ssh:// to a server whose host key known_hosts does not vouch for: `ssh` (the docker CLI's way
 * in) refuses it too, so a stranger in the middle cannot pose as the engine.
 * @example throw sshHostKey('ssh://root@10.0.0.2', { state: 'unknown' }, '10.0.0.2', 22, '/root/.ssh/known_hosts')
 */
export function sshHostKey(where: string, check: { state: 'unknown' } | { state: 'changed' | 'revoked'; line: number }, host: string, port: number, file: string): OverlayLabError {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const scan = `ssh-keyscan -p ${port} ${host} >> ~/.ssh/known_hosts`;
  if (check.state === 'unknown')
    return new OverlayLabError(
      'ESSHHOSTKEY',
      { en: 'the host key of {where} is not in {file}: a server ssh does not know is refused.', 'pt-BR': 'a chave de host de {where} não está em {file}: um servidor que o ssh não conhece é recusado.' },
      { where, file },
      {
        en: `Log in once with ssh (ssh -p ${port} USER@${host} true) and accept the key after checking its fingerprint with the machine's owner, or, on a network you trust, ${scan}.`,
        'pt-BR': `Entre uma vez com o ssh (ssh -p ${port} USUÁRIO@${host} true) e aceite a chave depois de conferir a impressão digital com quem cuida da máquina, ou, numa rede em que você confia, ${scan}.`,
      },
      EXIT.unavailable,
    );
  return new OverlayLabError(
    'ESSHHOSTKEY',
    check.state === 'revoked'
      ? { en: 'the host key of {where} is revoked (line {line} of {file}).', 'pt-BR': 'a chave de host de {where} foi revogada (linha {line} de {file}).' }
      : {
          en: 'the host key of {where} does not match line {line} of {file}: another machine may be in the middle, or this one was reinstalled.',
          'pt-BR': 'a chave de host de {where} não confere com a linha {line} de {file}: outra máquina pode estar no meio do caminho, ou esta foi reinstalada.',
        },
    { where, file, line: String(check.line) },
    {
      en: `Do not go on before you know which: ask the machine's owner for its key fingerprint; if it was reinstalled, ssh-keygen -R '${name}' and log in once with ssh.`,
      'pt-BR': `Não siga antes de saber qual dos dois: peça a impressão digital da chave a quem cuida da máquina; se ela foi reinstalada, ssh-keygen -R '${name}' e entre uma vez com o ssh.`,
    },
    EXIT.unavailable,
  );
}

/**
 * Direct access was asked for but the engine's files are on another machine.
 * @example throw remoteEngine('tcp://10.0.0.2:2375')
 */
export function remoteEngine(where: string): OverlayLabError {
  return new OverlayLabError(
    'EREMOTE',
    {
      en: 'the engine at {where} is remote: its storage files are not on this machine.',
      'pt-BR': 'o engine em {where} é remoto: os arquivos de armazenamento não estão nesta máquina.',
    },
    { where },
    {
      en: 'Use --access helper (a read-only helper container runs next to the engine and reads them there).',
      'pt-BR': 'Use --access helper (um contêiner auxiliar somente leitura roda ao lado do engine e os lê lá).',
    },
    EXIT.config,
  );
}

/**
 * The engine stores layers some other way than the overlay2 directory tree.
 * @example throw notOverlay2('btrfs', 'graphdriver')
 */
export function notOverlay2(driver: string, kind: string): OverlayLabError {
  return new OverlayLabError(
    'ENOTOVERLAY2',
    {
      en: 'this engine does not use the overlay2 store (storage driver: {driver}, {kind}).',
      'pt-BR': 'este engine não usa o armazenamento overlay2 (driver: {driver}, {kind}).',
    },
    { driver, kind },
    {
      en: 'Run overlay-lab layers to see what can be read from it, or --simulated for the built-in overlay2 host.',
      'pt-BR': 'Rode overlay-lab layers para ver o que dá para ler dele, ou --simulated para o host overlay2 embutido.',
    },
    EXIT.config,
  );
}

/**
 * A directory disappeared between listing and reading (a container or image was removed).
 * @example throw vanished('/var/lib/docker/overlay2/abc/diff')
 */
export function vanished(path: string): OverlayLabError {
  return new OverlayLabError(
    'EVANISHED',
    {
      en: '{path} vanished while being read (the engine removed it meanwhile).',
      'pt-BR': '{path} sumiu durante a leitura (o engine o removeu nesse meio-tempo).',
    },
    { path },
    { en: 'Run the command again.', 'pt-BR': 'Rode o comando de novo.' },
    EXIT.tempFail,
  );
}

/**
 * The Docker root cannot be read by this process.
 * @example throw storePermission('/var/lib/docker/overlay2')
 */
export function storePermission(path: string): OverlayLabError {
  return new OverlayLabError(
    'ESTOREPERM',
    { en: 'permission denied reading {path}.', 'pt-BR': 'permissão negada ao ler {path}.' },
    { path },
    {
      en: 'Run with sudo, or use --access helper (a read-only helper container reads it for you).',
      'pt-BR': 'Rode com sudo, ou use --access helper (um contêiner auxiliar somente leitura lê para você).',
    },
    EXIT.noPerm,
  );
}

/**
 * No image or container of that name.
 * @example throw notFound('image', 'ubuntu:24.04')
 */
export function notFound(what: 'image' | 'container', name: string): OverlayLabError {
  // pt-BR agrees in gender: "nenhuma imagem chamada", "nenhum contêiner chamado".
  const message = {
    image: { en: 'no image named {name}.', 'pt-BR': 'nenhuma imagem chamada {name}.' },
    container: { en: 'no container named {name}.', 'pt-BR': 'nenhum contêiner chamado {name}.' },
  }[what];
  return new OverlayLabError(
    'ENOTFOUND',
    message,
    { name },
    what === 'image'
      ? { en: 'List them with docker images.', 'pt-BR': 'Liste com docker images.' }
      : { en: 'List them with docker ps -a.', 'pt-BR': 'Liste com docker ps -a.' },
    EXIT.noInput,
  );
}

/**
 * A helper container could not do its job.
 * @example throw helperFailed('nsenter', 'exit 1: permission denied')
 */
export function helperFailed(way: string, detail: string): OverlayLabError {
  return new OverlayLabError(
    'EHELPER',
    { en: 'the {way} helper container failed: {detail}', 'pt-BR': 'o contêiner auxiliar {way} falhou: {detail}' },
    { way, detail },
    {
      en: 'Try another access way (--access direct|helper|nsenter); the helper was removed.',
      'pt-BR': 'Tente outro modo de acesso (--access direct|helper|nsenter); o auxiliar foi removido.',
    },
    EXIT.unavailable,
  );
}

/**
 * busybox (the base of the helper image) is not on this machine.
 * @example throw noBusybox()
 */
export function noBusybox(): OverlayLabError {
  return new OverlayLabError(
    'ENOBUSYBOX',
    {
      en: 'cannot build the helper image: no static busybox on this machine.',
      'pt-BR': 'não dá para construir a imagem auxiliar: não há busybox estático nesta máquina.',
    },
    {},
    { en: 'Install it: sudo apt-get install busybox-static.', 'pt-BR': 'Instale: sudo apt-get install busybox-static.' },
    EXIT.unavailable,
  );
}
