// Test support: a real studio built by the composition root, with its embedded platform on free loopback
// ports and its obs-websocket server turned on at a free port, as the VJ would turn it on in Settings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform } from './platform';
import { createStudio, type Studio } from '../main/app';
import type { CallInput, CallName, CallOutput, ObsWebSocketState } from '../main/contract';

const ctx = { transport: 'internal' as const, peer: 'test' };

export interface ObsTestStudio {
  studio: Studio;
  /** ws://127.0.0.1:<port> */
  url: string;
  password: string;
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  cleanup(): Promise<void>;
}

export async function obsTestStudio(prefix: string): Promise<ObsTestStudio> {
  const dataDir = mkdtempSync(join(tmpdir(), `studio-${prefix}-`));
  const studio = await createStudio({
    dataDir,
    runtime: 'headless',
    appVersion: '0.0.0-test',
    log: () => {},
    platformStarter: (o) => startPlatform(o),
    platformPorts: { http: 0, rtmp: 0 },
    obsWebSocketPort: 0,
  });
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const reply = await studio.router.dispatch(name, input, ctx);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
    return reply.value as CallOutput<N>;
  };
  const state: ObsWebSocketState = await call('obsWebSocket.configure', { enabled: true });
  if (!state.addresses[0]) throw new Error(`the obs-websocket server did not start: ${state.problem?.message}`);
  return {
    studio,
    url: state.addresses[0],
    password: state.password,
    call,
    async cleanup() {
      await studio.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
