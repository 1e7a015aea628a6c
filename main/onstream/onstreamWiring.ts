// Where on-stream alerts and widgets listen: feed lines (gifts the platform announced, text for the chat box,
// revocations), the live figures (milestones, viewers, coins), co-hosts (one going live) and a new show
// (milestones and the goal start again), and the scene profile (each keeps its own alert settings). The alerts' state goes out on the bus.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventBus } from '../api/eventBus';
import type { WidgetData } from '../media/widgetFiles';
import type { OnstreamProgram } from './onstreamService';
import { OnstreamService } from './onstreamService';
import { overlayFont } from '../media/overlayFont';
import { WidgetFeed } from './widgetFeed';

export interface OnstreamWiringOptions {
  bus: EventBus;
  settings: { get<T>(key: string): T | undefined; set(key: string, value: unknown): void };
  profileId: () => string;
  program: OnstreamProgram & { setWidgetData(data: Partial<WidgetData>): void };
  dataDir: string;
  ffmpegPath: string | null;
  log: (line: string) => void;
}

export function wireOnstream(o: OnstreamWiringOptions): { service: OnstreamService; close(): void } {
  const workDir = join(o.dataDir, 'onstream');
  mkdirSync(workDir, { recursive: true });
  const service = new OnstreamService({
    settings: o.settings,
    profileId: o.profileId,
    program: o.program,
    workDir,
    ffmpegPath: o.ffmpegPath,
    fontFile: overlayFont(process.platform),
    emit: (state) => o.bus.emit('onstream.alerts', state),
    log: o.log,
  });
  const widgets = new WidgetFeed((data) => o.program.setWidgetData(data));
  let broadcastId: string | null = null;
  const stops = [
    o.bus.on('chat.batch', (batch) => {
      service.onChatItems(batch.items);
      widgets.onBatch(batch.items, batch.revoked);
    }),
    o.bus.on('scenes.changed', () => service.profileChanged()),
    o.bus.on('cohost.state', (cohosts) => service.onCohosts(cohosts.guests)),
    o.bus.on('session.stats', (stats) => {
      if (stats.broadcastId !== broadcastId) {
        broadcastId = stats.broadcastId;
        service.newShow();
        widgets.newShow();
      }
      service.onFigures(stats);
      widgets.onStats(stats);
    }),
  ];
  return {
    service,
    close: () => {
      for (const stop of stops) stop();
      service.close();
    },
  };
}
