// Turns the studio's bus events into obs-websocket events: each change of scenes, items, inputs, stream
// and recording state is found by comparing the new state with the last one seen, so nothing is sent twice.
import type { StudioEventArgs } from '../api';
import type { LiveStats, SessionState } from '../contract';
import type { MediaStats } from '../contract/media';
import type { ScenesState } from '../contract/scenes';
import { dbToMul, listInputs } from './inputs';
import { EventSubscription, OutputState } from './protocol';
import type { ItemIdRegistry, OutputFigures } from './requestTypes';

export interface ObsEvent {
  eventType: string;
  intent: number;
  data?: Record<string, unknown>;
}

type StreamState = (typeof OutputState)[keyof typeof OutputState];

function streamStateOf(s: SessionState): StreamState {
  if (s.phase === 'starting') return OutputState.Starting;
  if (s.phase === 'ending') return OutputState.Stopping;
  if (s.phase !== 'live') return OutputState.Stopped;
  return s.connection.state === 'reconnecting' ? OutputState.Reconnecting : OutputState.Started;
}

export class EventTranslator {
  private scenes: ScenesState | null = null;
  private stream: StreamState = OutputState.Stopped;
  private recording = false;
  private recordingPath = '';
  private media: MediaStats | null = null;
  private live: LiveStats | null = null;
  private recordingSince: number | null = null;

  constructor(private readonly itemIds: ItemIdRegistry) {}

  /** The state the first changes are compared with. */
  seed(scenes: ScenesState, session: SessionState): void {
    this.scenes = scenes;
    this.stream = streamStateOf(session);
    this.recording = session.recording;
    if (session.recording) this.recordingSince = Date.now();
  }

  figures(): OutputFigures {
    return { media: this.media, live: this.live, recordingSince: this.recordingSince };
  }

  translate(...[name, payload]: StudioEventArgs): ObsEvent[] {
    switch (name) {
      case 'scenes.changed':
        return this.scenesChanged(payload);
      case 'session.state':
        return this.sessionChanged(payload);
      case 'session.stats':
        this.live = payload;
        return [];
      case 'media.stats':
        this.media = payload;
        return [];
      case 'media.state': {
        const file = payload.recording.currentFile;
        if (file) this.recordingPath = file;
        return [];
      }
      default:
        return [];
    }
  }

  private scenesChanged(next: ScenesState): ObsEvent[] {
    const prev = this.scenes;
    this.scenes = next;
    if (!prev) return [];
    const out: ObsEvent[] = [];
    const ref = (id: string | null) => {
      const scene = next.scenes.find((s) => s.id === id);
      return { sceneName: scene?.name ?? null, sceneUuid: scene?.id ?? null };
    };
    if (prev.studioMode !== next.studioMode)
      out.push({
        eventType: 'StudioModeStateChanged',
        intent: EventSubscription.Ui,
        data: { studioModeEnabled: next.studioMode },
      });
    if (prev.programSceneId !== next.programSceneId && next.programSceneId)
      out.push({
        eventType: 'CurrentProgramSceneChanged',
        intent: EventSubscription.Scenes,
        data: ref(next.programSceneId),
      });
    const previewShown = (s: ScenesState) => (s.studioMode ? s.previewSceneId : null);
    if (previewShown(prev) !== previewShown(next) && previewShown(next))
      out.push({
        eventType: 'CurrentPreviewSceneChanged',
        intent: EventSubscription.Scenes,
        data: ref(next.previewSceneId),
      });
    for (const scene of next.scenes) {
      const before = prev.scenes.find((s) => s.id === scene.id);
      if (!before) continue;
      for (const item of scene.items) {
        const was = before.items.find((i) => i.id === item.id);
        if (was && was.visible !== item.visible)
          out.push({
            eventType: 'SceneItemEnableStateChanged',
            intent: EventSubscription.SceneItems,
            data: {
              sceneName: scene.name,
              sceneUuid: scene.id,
              sceneItemId: this.itemIds.numberOf(item.id),
              sceneItemEnabled: item.visible,
            },
          });
      }
    }
    const inputsBefore = new Map(listInputs(prev).map((i) => [i.name, i]));
    for (const input of listInputs(next)) {
      const was = inputsBefore.get(input.name);
      if (!was) continue;
      const who = { inputName: input.name, inputUuid: input.uuid };
      if (was.muted !== input.muted)
        out.push({
          eventType: 'InputMuteStateChanged',
          intent: EventSubscription.Inputs,
          data: { ...who, inputMuted: input.muted },
        });
      if (was.gainDb !== input.gainDb)
        out.push({
          eventType: 'InputVolumeChanged',
          intent: EventSubscription.Inputs,
          data: { ...who, inputVolumeMul: dbToMul(input.gainDb), inputVolumeDb: input.gainDb },
        });
    }
    return out;
  }

  private sessionChanged(s: SessionState): ObsEvent[] {
    const out: ObsEvent[] = [];
    const stream = streamStateOf(s);
    if (stream !== this.stream) {
      const reconnected = this.stream === OutputState.Reconnecting && stream === OutputState.Started;
      this.stream = stream;
      out.push({
        eventType: 'StreamStateChanged',
        intent: EventSubscription.Outputs,
        data: {
          outputActive: stream === OutputState.Started || stream === OutputState.Reconnecting,
          outputState: reconnected ? OutputState.Reconnected : stream,
        },
      });
    }
    if (s.recording !== this.recording) {
      this.recording = s.recording;
      this.recordingSince = s.recording ? Date.now() : null;
      out.push({
        eventType: 'RecordStateChanged',
        intent: EventSubscription.Outputs,
        data: {
          outputActive: s.recording,
          outputState: s.recording ? OutputState.Started : OutputState.Stopped,
          outputPath: this.recordingPath,
        },
      });
    }
    return out;
  }
}
