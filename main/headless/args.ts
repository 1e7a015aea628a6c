// Command-line flags of the headless host.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface HeadlessArgs {
  host: string;
  port: number;
  dataDir: string;
  /** The obs-websocket server's port instead of the VJ's setting (0: a free one); tests use it. */
  obsWebSocketPort?: number;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STUDIO_DATA_DIR) return env.STUDIO_DATA_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'VJ Studio');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'VJ Studio');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'vj-studio');
}

export function parseHeadlessArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): HeadlessArgs {
  const args: HeadlessArgs = {
    host: env.STUDIO_HOST ?? '127.0.0.1',
    port: env.STUDIO_PORT ? Number(env.STUDIO_PORT) : 5170,
    dataDir: defaultDataDir(env),
    ...(env.STUDIO_OBS_WEBSOCKET_PORT ? { obsWebSocketPort: Number(env.STUDIO_OBS_WEBSOCKET_PORT) } : {}),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = () => {
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value.`);
      i++;
      return value;
    };
    switch (flag) {
      case '--host':
        args.host = need();
        break;
      case '--port':
        args.port = Number(need());
        if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
          throw new Error(`--port must be a port number, not "${value}".`);
        break;
      case '--obs-websocket-port':
        args.obsWebSocketPort = Number(need());
        if (!Number.isInteger(args.obsWebSocketPort) || args.obsWebSocketPort < 0 || args.obsWebSocketPort > 65535)
          throw new Error(`--obs-websocket-port must be a port number, not "${value}".`);
        break;
      case '--data-dir':
        args.dataDir = need();
        break;
      case '--headless':
        break;
      default:
        throw new Error(
          `Unknown option ${flag}. Options: --host ADDRESS, --port N, --data-dir DIR, --obs-websocket-port N.`,
        );
    }
  }
  return args;
}
