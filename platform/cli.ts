// `npm run platform -- --port 8080 …`: runs the platform alone. Every flag can also come from PLATFORM_<FLAG>.
// `npm run platform -- operator add USER …` grants an operator instead (platform/operatorCli.ts).
import { parseArgs } from 'node:util';
import { startPlatform, type PlatformOptions } from './index';
import { checkCloud, formatCloudCheck } from './cloud/cloudCheck';
import { runOperatorCommand } from './operatorCli';

const flags = {
  host: { type: 'string' },
  port: { type: 'string' },
  'rtmp-port': { type: 'string' },
  'data-dir': { type: 'string' },
  'sdk-app-id': { type: 'string' },
  'secret-key': { type: 'string' },
  'heartbeat-seconds': { type: 'string' },
  'fan-out-threads': { type: 'string' },
  'ffmpeg-path': { type: 'string' },
  'push-domain': { type: 'string' },
  'push-key': { type: 'string' },
  'play-domain': { type: 'string' },
  'play-key': { type: 'string' },
  'play-scheme': { type: 'string' },
  'im-api-base': { type: 'string' },
  'callback-key': { type: 'string' },
  'im-callback-token': { type: 'string' },
  'admin-user-id': { type: 'string' },
  operator: { type: 'string', multiple: true },
  'check-cloud': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

const envName = (flag: string) => `PLATFORM_${flag.toUpperCase().replace(/-/g, '_')}`;

function fail(message: string): never {
  process.stderr.write(`platform: ${message}\n`);
  process.exit(2);
}

function readOptions(argv: string[], env: NodeJS.ProcessEnv): PlatformOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: flags, allowPositionals: false }).values;
  } catch (e) {
    fail((e as Error).message);
  }
  if (parsed.help) {
    process.stdout.write(
      `Flags (each also from the environment, e.g. --rtmp-port as PLATFORM_RTMP_PORT):\n  ${Object.keys(flags)
        .map((f) => `--${f}`)
        .join(' ')}\n`,
    );
    process.exit(0);
  }
  const get = (f: keyof typeof flags): string | undefined => {
    const v = parsed[f];
    return typeof v === 'string' ? v : (env[envName(f)] ?? undefined);
  };
  const num = (f: keyof typeof flags, min: number, max: number): number | undefined => {
    const v = get(f);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) fail(`--${f} must be a number from ${min} to ${max}, not "${v}".`);
    return n;
  };
  const pushDomain = get('push-domain');
  const pushKey = get('push-key');
  if ((pushDomain === undefined) !== (pushKey === undefined))
    fail('Cloud mode needs both --push-domain and --push-key.');
  const opts: PlatformOptions = {
    host: get('host') ?? '127.0.0.1',
    port: num('port', 0, 65535) ?? 8080,
    rtmpPort: num('rtmp-port', 0, 65535) ?? 1935,
    dataDir: get('data-dir') ?? 'platform-data',
    heartbeatSeconds: num('heartbeat-seconds', 0.1, 3600) ?? 10,
    log: (line) => process.stdout.write(`${line}\n`),
    operators:
      (parsed.operator as string[] | undefined) ?? (env.PLATFORM_OPERATOR ? env.PLATFORM_OPERATOR.split(',') : []),
  };
  // Threads writing the viewers' sockets: a large room's fan-out spread over more cores (default 2; 0: the hub's
  // own thread).
  const fanOutThreads = num('fan-out-threads', 0, 16);
  if (fanOutThreads !== undefined) opts.chat = { fanOutThreads: Math.floor(fanOutThreads) };
  const sdkAppId = num('sdk-app-id', 1, 2 ** 32);
  if (sdkAppId !== undefined) opts.sdkAppId = sdkAppId;
  const secretKey = get('secret-key');
  if (secretKey !== undefined) opts.secretKey = secretKey;
  const ffmpegPath = get('ffmpeg-path');
  if (ffmpegPath !== undefined) opts.ffmpegPath = ffmpegPath;
  if (pushDomain && pushKey) {
    if (sdkAppId === undefined || secretKey === undefined) fail('Cloud mode needs --sdk-app-id and --secret-key too.');
    const playDomain = get('play-domain');
    const playKey = get('play-key');
    const playScheme = get('play-scheme');
    if (playScheme !== undefined && playScheme !== 'https' && playScheme !== 'http')
      fail(`--play-scheme must be https or http, not "${playScheme}".`);
    const imApiBase = get('im-api-base');
    const callbackKey = get('callback-key');
    const imCallbackToken = get('im-callback-token');
    opts.cloud = {
      pushDomain,
      pushKey,
      ...(playDomain ? { playDomain } : {}),
      ...(playKey ? { playKey } : {}),
      ...(playScheme ? { playScheme } : {}),
      ...(imApiBase ? { imApiBase } : {}),
      ...(callbackKey ? { callbackKey } : {}),
      ...(imCallbackToken ? { imCallbackToken } : {}),
      ...(get('admin-user-id') ? { adminUserId: get('admin-user-id')! } : {}),
    };
  }
  return opts;
}

function start(): void {
  const options = readOptions(process.argv.slice(2), process.env);
  if (process.argv.includes('--check-cloud')) return checkCloudSettings(options);
  startPlatform(options).then(
    (p) => {
      process.stdout.write(
        `Platform is running at ${p.httpUrl} (RTMP ${p.rtmpUrl}, chat ${p.imUrl}, data ${p.dataDir})\n`,
      );
      const stop = () => {
        p.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (e: Error) => fail(e.message),
  );
}

function checkCloudSettings(options: PlatformOptions): void {
  if (!options.cloud || options.sdkAppId === undefined || !options.secretKey)
    fail('--check-cloud needs the cloud settings: --sdk-app-id, --secret-key, --push-domain and --push-key at least.');
  void checkCloud({ sdkAppId: options.sdkAppId, secretKey: options.secretKey, cloud: options.cloud }).then((lines) => {
    process.stdout.write(`${formatCloudCheck(lines)}\n`);
    process.exit(lines.every((l) => l.ok) ? 0 : 1);
  });
}

if (process.argv[2] === 'operator')
  void runOperatorCommand(process.argv.slice(3), process.env).then(({ code, out }) => {
    (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
    process.exit(code);
  });
else start();
