import type { ArgSpec, ParsedArgs } from './args';
import type { CliContext } from './command';
import type { AccessChoice } from '../docker/access/access';
import type { HostOptions } from '../docker/inspect';
import { OverlayLabError } from '../i18n/errors';
import { EXIT } from '../docker/errors';
import { say, type Params } from '../i18n/format';
import type { Localized } from '../i18n/lang';
import { engineEnv } from '../docker/engine/engine-context';

/** Flags shared by the commands that look at a Docker host. */
export const HOST_ARGS: ArgSpec = {
  values: { '--access': 'one', '--host': 'one', '--context': 'one' },
  booleans: ['--json', '--simulated', '--live'],
  aliases: { '-H': '--host', '-c': '--context' },
};

/** The engine flags alone (watch takes these and --access, not --simulated). */
export const ENGINE_USAGE = `  -H, --host URL         the engine: unix:///path, tcp://HOST:PORT (TLS with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH), ssh://USER@HOST[:PORT] (key: ssh agent or ~/.ssh/id_*; the host key must be in ~/.ssh/known_hosts)
  -c, --context NAME     a Docker CLI context (docker context ls); its endpoint and TLS material
                         (neither: DOCKER_HOST, DOCKER_CONTEXT, then the CLI config's current context)`;

/** The usage lines of those flags. */
export const HOST_USAGE = `${ENGINE_USAGE}
  --json                 machine-readable output
  --access WAY           auto (default), direct, helper (read-only bind mount) or nsenter
  --simulated            use the built-in simulated host instead of an engine
  --live                 never fall back to the simulated host when no engine answers`;

const WAYS: AccessChoice[] = ['auto', 'direct', 'helper', 'nsenter'];

/**
 * The --access flag (auto when absent), refused with the ways there are when unknown.
 * @example accessWay(parseArgs(['--access', 'helper'], HOST_ARGS)) // 'helper'
 */
export function accessWay(args: ParsedArgs): AccessChoice {
  const access = (args.values['--access']?.[0] ?? 'auto') as AccessChoice;
  if (!WAYS.includes(access))
    throw new OverlayLabError(
      'EUSAGE',
      { en: 'unknown access way {way} (auto, direct, helper, nsenter)', 'pt-BR': 'modo de acesso desconhecido {way} (auto, direct, helper, nsenter)' },
      { way: access },
      undefined,
      EXIT.usage,
    );
  return access;
}

/**
 * Turns the shared flags into library options. Without --live, a missing engine falls back to
 * the simulated host (and the view says so); --simulated skips the engine altogether.
 * @example hostOptions(parseArgs(['--access', 'helper'], HOST_ARGS), ctx) // { access: 'helper', simulated: 'fallback', ... }
 */
export function hostOptions(args: ParsedArgs, ctx: CliContext, fallback = true): HostOptions {
  const access = accessWay(args);
  const simulated = args.flags.has('--simulated') ? 'always' : args.flags.has('--live') || !fallback ? 'never' : 'fallback';
  return { env: hostEnv(args, ctx), access, simulated };
}

/**
 * The environment the engine clients read, with --host or --context applied.
 * @example connectEngine(hostEnv(parseArgs(['--context', 'lab2'], HOST_ARGS), ctx))
 */
export function hostEnv(args: ParsedArgs, ctx: CliContext): Record<string, string | undefined> {
  const host = args.values['--host']?.[0];
  const context = args.values['--context']?.[0];
  if (host && context)
    throw new OverlayLabError('EUSAGE', { en: '--host and --context name the engine twice: give one', 'pt-BR': '--host e --context indicam o engine duas vezes: use um só' }, {}, undefined, EXIT.usage);
  return engineEnv(ctx.env, { host, context });
}

/**
 * Writes a value as JSON (two-space indent, newline at the end).
 * @example writeJson(ctx, model)
 */
export function writeJson(ctx: CliContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2) + '\n');
}

/**
 * A usage error naming the command (exit 64).
 * @example throw usageError(USAGE)
 */
export function usageError(usage: string): OverlayLabError {
  return new OverlayLabError('EUSAGE', { en: 'usage: {usage}', 'pt-BR': 'uso: {usage}' }, { usage: usage.split('\n')[0].trim() }, undefined, EXIT.usage);
}

/**
 * A translated line followed by a newline.
 * @example line(ctx, { en: 'hello {who}', 'pt-BR': 'olá {who}' }, { who: 'world' })
 */
export function line(ctx: CliContext, text: Localized, params?: Params): void {
  ctx.out(say(text, ctx.lang, params) + '\n');
}
