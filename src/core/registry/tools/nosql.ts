import type { ToolSpec } from '../types';
import { flag, valued, valuedEach, flagsEach } from './options';

/**
 * MongoDB's and Redis's shells.
 *
 * `mongosh [options] [address] [file.js …]` (and the legacy `mongo`) runs `--eval` code and the
 * files given (`-f`/`--file` or `.js` operands), else standard input. Options are yargs-style:
 * `--eval CODE`, `--eval=CODE`, no prefixes.
 *
 * `redis-cli [options] [command [arg …]]` (valkey-cli, keydb-cli) reads its options until the first
 * word that is not one (it refuses an option it does not know); the rest is one command. `-x` adds
 * standard input to that command as its last argument; without a command it reads commands from
 * standard input.
 */

export const mongosh: ToolSpec = {
  names: ['mongosh', 'mongo'],
  family: 'database',
  locality: 'either',
  options: [
    valued('--eval'), valued('-f', '--file'), valued('--host'), valued('--port'), valued('-u', '--username'), valued('-p', '--password'),
    ...valuedEach('--authenticationDatabase', '--authenticationMechanism', '--tlsCAFile', '--tlsCertificateKeyFile', '--tlsCertificateKeyFilePassword',
      '--tlsCRLFile', '--tlsDisabledProtocols', '--tlsCertificateSelector', '--apiVersion', '--awsAccessKeyId', '--awsSecretAccessKey', '--awsSessionToken',
      '--gssapiServiceName', '--gssapiHostName', '--sspiRealmOverride', '--sspiHostnameCanonicalization', '--cryptSharedLibPath', '--keyVaultNamespace',
      '--kmsURL', '--oidcFlows', '--oidcRedirectUri', '--sslCAFile', '--sslPEMKeyFile', '--sslPEMKeyPassword'),
    { names: ['--json'], takes: 'optional' }, { names: ['--retryWrites'], takes: 'optional' }, { names: ['--browser'], takes: 'optional' },
    ...flagsEach('--shell', '--nodb', '--norc', '--quiet', '--verbose', '--tls', '--ssl', '--tlsAllowInvalidCertificates', '--tlsAllowInvalidHostnames',
      '--tlsFIPSMode', '--tlsUseSystemCA', '--apiStrict', '--apiDeprecationErrors', '--oidcTrustedEndpoint', '--oidcNoNonce', '--oidcDumpTokens',
      '--version', '--build-info', '--deepInspect', '--exposeAsyncRewriter', '--ipv6', '--skipStartupWarnings'),
    flag('-h', '--help'),
  ],
  client: { engine: 'mongodb', statementOptions: ['--eval'], fileOptions: ['-f'], noPrompt: ['--version', '--build-info', '-h', '--nodb'] },
};

export const redisCli: ToolSpec = {
  names: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  family: 'database',
  locality: 'either',
  interspersed: false,
  numericOptions: true,
  // It exits on an option it does not know: nothing runs, so reading one as a switch hides nothing.
  unknownLong: 'switch',
  unknownShort: 'switch',
  options: [
    valued('-h'), valued('-p'), valued('-s'), valued('-a', '--pass'), valued('--user'), valued('-u'), valued('-r'), valued('-i'), valued('-n'),
    valued('-d'), valued('-D'), valued('-t'), valued('-X'), valued('--sni'), valued('--cacert'), valued('--cacertdir'), valued('--cert'), valued('--key'),
    valued('--tls-ciphers'), valued('--tls-ciphersuites'), valued('--pattern'), valued('--quoted-pattern'), valued('--count'), valued('--rdb'),
    valued('--functions-rdb'), valued('--pipe-timeout'), valued('--memkeys-samples'), valued('--keystats-samples'), valued('--intrinsic-latency'),
    valued('--eval'), valued('--cluster'), valued('--lru-test'), valued('--show-pushes'), valued('--cursor'),
    flag('-x'), flag('-c'), flag('-e'), flag('-2'), flag('-3'), flag('-4'), flag('-6'), flag('-V', '--version'), flag('--help'),
    ...flagsEach('--tls', '--insecure', '--askpass', '--raw', '--no-raw', '--quoted-input', '--csv', '--json', '--quoted-json', '--stat', '--latency',
      '--latency-history', '--latency-dist', '--replica', '--slave', '--pipe', '--bigkeys', '--memkeys', '--keystats', '--hotkeys', '--scan', '--ldb',
      '--ldb-sync-mode', '--verbose', '--no-auth-warning'),
  ],
  client: {
    engine: 'redis', commandOperands: 0, stdinArgument: '-x', fileOptions: ['--eval'],
    noPrompt: ['-V', '--help', '--stat', '--latency', '--latency-history', '--latency-dist', '--bigkeys', '--memkeys', '--keystats', '--hotkeys', '--scan', '--rdb', '--functions-rdb', '--pipe', '--cluster', '--intrinsic-latency', '--lru-test', '--replica', '--slave'],
  },
};

/** `redis-check-aof [--fix] [--truncate-to-timestamp TS] FILE` (valkey-check-aof): `--fix` cuts the file at the first damaged command. */
export const redisCheckAof: ToolSpec = {
  names: ['redis-check-aof', 'valkey-check-aof'],
  family: 'database',
  locality: 'local',
  options: [flag('--fix'), valued('--truncate-to-timestamp')],
};
