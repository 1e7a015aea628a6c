// The studio's cross-service rules, each a named "when X, do Y"; studio.ts only builds the services.
import type { EventBus } from '../api';
import type { ChatFeed } from '../chat';
import type { CohostChatPort, CohostService } from '../cohost';
import { notLiveWords } from '../cohost';
import { StudioError } from '../contract';
import type { CohostState, DestinationsState, PkStudioState } from '../contract';
import type { DestinationsService } from '../destinations';
import type { MediaService } from '../media';
import type { PkService } from '../pk';
import type { SafetyService } from '../safety';
import { platformSink } from '../safety';
import type { ScenesService } from '../scenes';
import type { AccountService, BroadcastMedia, BroadcastSession } from '../session';
import { LiveRoomChat } from './liveRoomChat';

export interface WiredServices {
  bus: EventBus;
  log: (line: string) => void;
  account: AccountService;
  session: BroadcastSession;
  scenes: ScenesService;
  media: MediaService;
  destinations: DestinationsService;
  safety: SafetyService;
  chat: ChatFeed;
  cohost: CohostService;
  pk: PkService;
}

type Unwire = () => void;

/** Puts every rule in place; returns how to take them all down again. */
export function wireStudio(s: WiredServices): Unwire[] {
  return [
    programSceneGoesToTheCompositor(s),
    mixerMetersComeFromTheCompositor(s),
    liveFiguresFollowTheRoom(s),
    verticalCanvasFollowsTheSceneOnAir(s),
    destinationsFollowTheRoomsPush(s),
    destinationsRejoinARestartedEncoder(s),
    destinationsReportTheirState(s),
    safetyAlertsGoToTheLiveRoom(s),
    safetyMasksThroughTheEngine(s),
    safetyWatchesTheRunningProgram(s),
    studioJoinsTheLiveRoomsChat(s),
    cohostGuestsJoinTheProgram(s),
    cohostReportsItsState(s),
    pkReportsItsState(s),
  ];
}

/** When the program scene changes, the media engine composites it. */
function programSceneGoesToTheCompositor({ scenes, media }: WiredServices): Unwire {
  scenes.setOutput({
    applyScene: async (scene, t) => void (await media.applyProgram(scene, scenes.state().canvas, t)),
  });
  return () => {};
}

/** When the compositor measures its sound sources, the scenes service puts the meters on the bus. */
function mixerMetersComeFromTheCompositor({ scenes, media }: WiredServices): Unwire {
  const report = (levels: Parameters<ScenesService['reportAudioLevels']>[0]) => scenes.reportAudioLevels(levels);
  media.engine.on('levels', report);
  return () => void media.engine.off('levels', report);
}

/** When the room's figures come in while live, text items with {viewers}, {likes}, {latestGift} follow them. */
function liveFiguresFollowTheRoom({ bus, scenes }: WiredServices): Unwire {
  return bus.on('session.stats', (stats) =>
    scenes.updateLiveFigures({ viewers: stats.viewers, likes: stats.likes, latestGift: stats.latestGift }),
  );
}

/** When the engine's state changes (a scene put on air), the vertical canvas lays out its items again. */
function verticalCanvasFollowsTheSceneOnAir({ media, destinations }: WiredServices): Unwire {
  const relayout = () => destinations.sceneChanged();
  media.engine.on('state', relayout);
  return () => void media.engine.off('state', relayout);
}

/** When the room's own push goes on or off, the other destinations hang on or off the same encode. */
function destinationsFollowTheRoomsPush({ media, destinations }: WiredServices): Unwire {
  const follow = (st: { state: string }) => destinations.setLive(st.state !== 'off');
  media.engine.push.on('change', follow);
  return () => void media.engine.push.off('change', follow);
}

/** When the encoder restarts, the destinations reattach to the new one. */
function destinationsRejoinARestartedEncoder({ media, destinations }: WiredServices): Unwire {
  const rejoin = () => destinations.encoderRestarted();
  media.engine.on('stageRestarted', rejoin);
  return () => void media.engine.off('stageRestarted', rejoin);
}

/** When a destination changes, the studio hears destinations.state. */
function destinationsReportTheirState({ bus, destinations }: WiredServices): Unwire {
  const report = (st: DestinationsState) => bus.emit('destinations.state', st);
  destinations.on('state', report);
  return () => void destinations.off('state', report);
}

/** When safety raises an alert while live, the platform hears it with the room. */
function safetyAlertsGoToTheLiveRoom({ safety, session, account }: WiredServices): Unwire {
  return safety.addAlertSink(
    platformSink(() => {
      const roomId = session.state().roomId;
      if (!roomId) return null;
      try {
        const { serverUrl, token } = account.signedInClient();
        return { serverUrl, token, roomId };
      } catch {
        return null;
      }
    }),
  );
}

/** When safety masks the program or removes a guest, the media engine does it. */
function safetyMasksThroughTheEngine({ safety, media }: WiredServices): Unwire {
  return safety.addActuator({
    setMask: (mask) => media.setSafetyMask(mask),
    setGuestRemoved: (id, removed) => media.engine.setGuestRemoved(id, removed),
  });
}

/** While the pipeline runs, safety samples the composed program; when it stops, sampling stops. */
function safetyWatchesTheRunningProgram({ safety, media }: WiredServices): Unwire {
  let detachProgram: (() => void) | null = null;
  const follow = (st: { running: boolean }) => {
    if (st.running && !detachProgram)
      detachProgram = safety.attachProgram((onSample) => media.engine.onSafetySample(onSample));
    if (!st.running && detachProgram) {
      detachProgram();
      detachProgram = null;
    }
  };
  media.engine.on('state', follow);
  return () => void media.engine.off('state', follow);
}

/**
 * When the broadcast goes live, the studio sits in the room's chat, so the feed, the co-host signals and
 * moderation work without a second step: the hub, or in cloud mode the room's AVChatRoom, tried again while
 * live, with the live figures counted from it there (liveRoomChat.ts).
 */
function studioJoinsTheLiveRoomsChat({ bus, chat, account, session, log }: WiredServices): Unwire {
  const liveRoomChat = new LiveRoomChat({
    chat,
    bus,
    signedIn: () => account.signedInClient(),
    reportTally: (tally) => session.reportTally(tally),
    log,
  });
  return () => liveRoomChat.close();
}

/** When the media engine composes the program, the co-host guests are placed in it. */
function cohostGuestsJoinTheProgram({ media, cohost }: WiredServices): Unwire {
  media.setProgramDecorator((scene) => cohost.decorate(scene));
  return () => {};
}

/** When the co-host state changes, the studio hears cohost.state. */
function cohostReportsItsState({ bus, cohost }: WiredServices): Unwire {
  const report = (state: CohostState) => bus.emit('cohost.state', state);
  cohost.on('state', report);
  return () => void cohost.off('state', report);
}

/** When the PK state changes (an invitation, a link, a battle, a score), the studio hears pk.state. */
function pkReportsItsState({ bus, pk }: WiredServices): Unwire {
  const report = (state: PkStudioState) => bus.emit('pk.state', state);
  pk.on('state', report);
  return () => void pk.off('state', report);
}

/** Co-hosts signal through the chat and hear every chat batch the feed hands out. */
export function cohostChatThroughTheFeed(bus: EventBus, chat: ChatFeed): CohostChatPort {
  return {
    sendCustom: (payload, to) => chat.sendCustom(payload, to),
    onItems: (listener) => bus.on('chat.batch', (batch) => listener(batch.items)),
  };
}

/** A co-host guest's stream is asked of the platform for the live room; off air there is none. */
export function guestStreamOfTheLiveRoom(session: BroadcastSession, account: AccountService) {
  return (userId: string) => {
    const roomId = session.state().roomId;
    if (!roomId) throw new StudioError('conflict', notLiveWords);
    return account.signedInClient().client.guestStream(roomId, userId);
  };
}

/** When the show ends, every co-host guest leaves cleanly (the room hears it) before the push stops. */
export function guestsLeaveBeforeThePushStops(
  media: BroadcastMedia,
  cohost: () => CohostService,
  log: (line: string) => void,
): BroadcastMedia {
  return {
    ...media,
    stopPush: async () => {
      await cohost()
        .endAll()
        .catch((e: Error) => log(`co-host: ${e.message}`));
      return media.stopPush();
    },
  };
}

/** A scene's microphone that names no device captures the first one this machine has. */
export function firstMicrophoneIsTheDefault(media: MediaService, log: (line: string) => void): void {
  void media.devices().then(
    (devices) => media.engine.setDefaultMicrophone(devices.find((d) => d.kind === 'microphone')?.id ?? null),
    (err: Error) => log(`listing microphones: ${err.message}`),
  );
}
