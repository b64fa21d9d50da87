/*
 * Which engine to talk to, as the docker CLI decides it: --host, then --context, then
 * DOCKER_HOST, then DOCKER_CONTEXT, then the `currentContext` of the CLI's config.json (set by
 * `docker context use NAME`; "default" or none means the default socket). A context is read from the CLI's own store:
 * <DOCKER_CONFIG or ~/.docker>/contexts/meta/<sha256 of the name>/meta.json holds the endpoint
 * (Endpoints.docker.Host, SkipTLSVerify), and contexts/tls/<same hash>/docker/ holds ca.pem,
 * cert.pem and key.pem when the context has TLS material.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { OverlayLabError } from '../../i18n/errors';
import { EXIT } from '../errors';

/** The docker CLI's configuration directory. */
export function dockerConfigDir(env: Record<string, string | undefined>): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || homedir(), '.docker');
}

/** The fields of a context's meta.json that matter here. */
interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function noContext(name: string, file: string): OverlayLabError {
  return new OverlayLabError(
    'ENOCONTEXT',
    { en: 'no Docker context named {name} ({file} is missing or unreadable).', 'pt-BR': 'não há contexto Docker chamado {name} ({file} não existe ou não pode ser lido).' },
    { name, file },
    { en: 'List them with docker context ls; create one with docker context create NAME --docker host=URL.', 'pt-BR': 'Liste-os com docker context ls; crie um com docker context create NOME --docker host=URL.' },
    EXIT.config,
  );
}

/**
 * The DOCKER_HOST, DOCKER_CERT_PATH and DOCKER_TLS_VERIFY a context stands for.
 * @example contextEnv('lab2', process.env) // { DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_CERT_PATH: '~/.docker/contexts/tls/<hash>/docker', DOCKER_TLS_VERIFY: '1' }
 */
export function contextEnv(name: string, env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (name === 'default') return { DOCKER_HOST: undefined, DOCKER_CERT_PATH: undefined, DOCKER_TLS_VERIFY: undefined };
  const hash = createHash('sha256').update(name).digest('hex');
  const root = path.join(dockerConfigDir(env), 'contexts');
  const file = path.join(root, 'meta', hash, 'meta.json');
  let meta: ContextMeta;
  try {
    meta = JSON.parse(readFileSync(file, 'utf8')) as ContextMeta;
  } catch {
    throw noContext(name, file);
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) throw noContext(name, file);
  const tls = path.join(root, 'tls', hash, 'docker');
  const hasTls = existsSync(path.join(tls, 'ca.pem')) || existsSync(path.join(tls, 'cert.pem'));
  return {
    DOCKER_HOST: docker.Host,
    DOCKER_CERT_PATH: hasTls ? tls : undefined,
    DOCKER_TLS_VERIFY: hasTls && !docker.SkipTLSVerify ? '1' : undefined,
  };
}

/** The docker CLI's config file, where `docker context use` writes `currentContext`. */
export const CONFIG_FILE = 'config.json';

function badConfig(file: string, reason: string): OverlayLabError {
  return new OverlayLabError(
    'EDOCKERCONFIG',
    { en: 'the Docker CLI config {file} cannot be read: {reason}.', 'pt-BR': 'não foi possível ler a configuração do Docker CLI {file}: {reason}.' },
    { file, reason },
    {
      en: 'Fix or remove that file (docker context use default rewrites it), or name the engine with --host or --context.',
      'pt-BR': 'Corrija ou apague esse arquivo (docker context use default o reescreve), ou indique o engine com --host ou --context.',
    },
    EXIT.config,
  );
}

/**
 * The context `docker context use` chose, from <DOCKER_CONFIG or ~/.docker>/config.json, or
 * undefined when there is no such file, it cannot be read, or it names none. A file read but
 * not JSON (or not an object) is an error: its current context cannot be known.
 * @example currentContext({ DOCKER_CONFIG: '/tmp/cfg' }) // 'lab2'
 */
export function currentContext(env: Record<string, string | undefined>): string | undefined {
  const file = path.join(dockerConfigDir(env), CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // None, or not ours to read (another user's HOME under sudo -u): the docker CLI also goes
    // on with its defaults then.
    return undefined;
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw badConfig(file, (e as Error).message);
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw badConfig(file, 'not a JSON object');
  const name = (config as { currentContext?: unknown }).currentContext;
  return typeof name === 'string' && name ? name : undefined;
}

/**
 * The environment the engine clients read, with --host or --context applied the docker CLI's
 * way (a flag wins over the environment; DOCKER_HOST wins over DOCKER_CONTEXT, which wins
 * over the config file's currentContext).
 * @example engineEnv(process.env, { context: 'lab2' }).DOCKER_HOST // 'tcp://127.0.0.1:2376'
 */
export function engineEnv(env: Record<string, string | undefined>, choice: { host?: string; context?: string } = {}): Record<string, string | undefined> {
  if (choice.host) return { ...env, DOCKER_HOST: choice.host };
  if (choice.context) return { ...env, ...contextEnv(choice.context, env) };
  if (env.DOCKER_HOST) return env;
  if (env.DOCKER_CONTEXT) return { ...env, ...contextEnv(env.DOCKER_CONTEXT, env) };
  const current = currentContext(env);
  return current ? { ...env, ...contextEnv(current, env) } : env;
}
