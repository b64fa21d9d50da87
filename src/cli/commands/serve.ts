import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Command, CliContext } from '../command';
import { parseArgs } from '../args';
import { accessWay, line, usageError } from '../docker-options';
import { connectEngine } from '../../docker/engine/dockerode-engine';
import { engineEnv } from '../../docker/engine/engine-context';
import { endpointFromEnv } from '../../docker/engine/engine-endpoint';
import { onInterrupt } from '../../docker/access/interrupts';
import { ServeFeed, type FeedEngine } from '../../lab/serve-feed';
import { OverlayLabError } from '../../i18n/errors';
import { EXIT } from '../../docker/errors';
import { listen, serveHandler } from '../serve-http';

const USAGE = {
  en: `overlay-lab serve [--port N] [--bind ADDR] [--host URL ...] [--context NAME ...] [--access WAY]
  --port N               the port (default: a free one)
  --bind ADDR            the address to listen on (default 127.0.0.1: this machine only); 0.0.0.0 shows the page to the network
  -H, --host URL         an engine (repeat for one panel per engine): unix:///path, tcp://HOST:PORT (TLS with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH), ssh://USER@HOST
  -c, --context NAME     a Docker CLI context (repeat for several)
  --access WAY           auto (default), direct, helper (read-only bind mount) or nsenter
A read-only live page of the store for a projector: open the URL it prints (its token is the key). Ctrl-C stops it.
Example: overlay-lab serve --host unix:///var/run/docker.sock --context lab2 --lang pt-BR`,
  'pt-BR': `overlay-lab serve [--port N] [--bind ENDEREÇO] [--host URL ...] [--context NOME ...] [--access MODO]
  --port N               a porta (padrão: uma livre)
  --bind ENDEREÇO        o endereço onde escutar (padrão 127.0.0.1: só esta máquina); 0.0.0.0 mostra a página à rede
  -H, --host URL         um engine (repita para um painel por engine): unix:///caminho, tcp://HOST:PORTA (TLS com DOCKER_TLS_VERIFY/DOCKER_CERT_PATH), ssh://USUARIO@HOST
  -c, --context NOME     um contexto do Docker CLI (repita para vários)
  --access MODO          auto (padrão), direct, helper (bind mount somente leitura) ou nsenter
Uma página ao vivo, somente leitura, do armazenamento, para o projetor: abra a URL que ele mostra (o token é a chave). Ctrl-C para.
Exemplo: overlay-lab serve --host unix:///var/run/docker.sock --context lab2 --lang pt-BR`,
};

/** 128 bits: not guessable in a class's lifetime. */
const TOKEN_BYTES = 16;

const isLoopback = (a: string) => a === 'localhost' || a === '::1' || /^127\./.test(a);

/** Every engine named on the command line, in order; none named: the one DOCKER_HOST / DOCKER_CONTEXT / the default socket names. */
function enginesOf(values: Record<string, string[]>, argv: string[], ctx: CliContext): FeedEngine[] {
  const hosts = values['--host'] ?? [];
  const contexts = values['--context'] ?? [];
  if (!hosts.length && !contexts.length) {
    const env = engineEnv(ctx.env);
    return [{ label: endpointFromEnv(env).url, engine: connectEngine(env) }];
  }
  // Panels in the order the flags were given.
  const order = argv.filter((a) => /^(-H|--host|-c|--context)(=|$)/.test(a)).map((a) => (/^(-H|--host)/.test(a) ? 'host' : 'context'));
  let h = 0;
  let c = 0;
  return order.map((kind) => {
    if (kind === 'host') {
      const host = hosts[h++];
      return { label: host, engine: connectEngine(engineEnv(ctx.env, { host })) };
    }
    const context = contexts[c++];
    return { label: `context ${context}`, engine: connectEngine(engineEnv(ctx.env, { context })) };
  });
}

function portOf(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535)
    throw new OverlayLabError('EUSAGE', { en: 'the port must be a number from 0 to 65535, not {v}', 'pt-BR': 'a porta deve ser um número de 0 a 65535, não {v}' }, { v }, undefined, EXIT.usage);
  return n;
}

/** The addresses to open: the bound one, or each of this machine's when it listens on all (what a student would type). */
function pageUrls(bind: string, port: number, query: string): string[] {
  const addrs = bind === '0.0.0.0' || bind === '::' ? Object.values(networkInterfaces()).flatMap((l) => (l ?? []).filter((i) => !i.internal && i.family === 'IPv4').map((i) => i.address)) : [bind];
  return addrs.map((a) => `http://${a.includes(':') ? `[${a}]` : a}:${port}/${query}`);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: {
    en: 'a live, read-only page of the store for the projector (one panel per engine)',
    'pt-BR': 'uma página ao vivo, somente leitura, do armazenamento para o projetor (um painel por engine)',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: { '--access': 'one', '--host': 'many', '--context': 'many', '--port': 'one', '--bind': 'one' }, aliases: { '-H': '--host', '-c': '--context' } });
    if (args.positional.length) throw usageError(USAGE[ctx.lang]);
    const access = accessWay(args);
    const port = portOf(args.values['--port']?.[0]);
    const bind = args.values['--bind']?.[0] ?? '127.0.0.1';
    const engines = enginesOf(args.values, argv, ctx);
    const token = randomBytes(TOKEN_BYTES).toString('hex');
    const feed = new ServeFeed(engines, access);
    let listening;
    try {
      listening = await listen(serveHandler({ feed, labels: engines.map((e) => e.label), lang: ctx.lang, token }), bind, port);
    } catch (e) {
      throw new OverlayLabError('EUSAGE', { en: 'cannot listen on {bind}:{port}: {reason}', 'pt-BR': 'não consigo escutar em {bind}:{port}: {reason}' }, { bind, port, reason: (e as Error).message }, { en: 'Choose another --port or --bind.', 'pt-BR': 'Escolha outra --port ou --bind.' }, EXIT.usage);
    }
    const { server } = listening;
    const query = `?token=${token}&lang=${ctx.lang}`;
    if (!isLoopback(bind)) {
      line(ctx, {
        en: 'Open to the network ({bind}): anyone who can reach this machine and has the URL below can read the store’s layout (image and container names, directory ids, paths). Nothing on the page can change the engine. Stop with Ctrl-C when the class ends.',
        'pt-BR': 'Aberta à rede ({bind}): quem alcança esta máquina e tem a URL abaixo pode ler a organização do armazenamento (nomes de imagens e contêineres, ids de diretórios, caminhos). Nada na página altera o engine. Pare com Ctrl-C quando a aula acabar.',
      }, { bind });
    }
    line(ctx, { en: 'overlay-lab serve: open {url}', 'pt-BR': 'overlay-lab serve: abra {url}' }, { url: pageUrls(bind, listening.port, query).join('  ') });
    line(ctx, { en: 'Read only; {n, plural, one {# engine} other {# engines}}. Ctrl-C stops.', 'pt-BR': 'Somente leitura; {n, plural, one {# engine} other {# engines}}. Ctrl-C para.' }, { n: engines.length });
    const stop = new AbortController();
    const following = feed.run(stop.signal);
    const unregister = onInterrupt(async () => {
      stop.abort();
      server.closeAllConnections();
      server.close();
      await following.catch(() => undefined);
    });
    try {
      await following;
    } finally {
      unregister();
    }
    return 0;
  },
};
