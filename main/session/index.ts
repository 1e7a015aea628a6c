// One broadcast from sign-in to the end page, its history and its recovery after a crash.
export { AccountService } from './accountService';
export { BroadcastSession } from './broadcastSession';
export { noMedia, type BroadcastMedia, type MediaStatsSample, type RecordingFileInfo } from './broadcastMedia';
export {
  EmbeddedPlatformHost,
  type EmbeddedPlatform,
  type PlatformStarter,
  type PlatformStartOptions,
} from './embeddedPlatform';
export { HistoryService } from './historyService';
export { FileSecretStore, type SecretStore } from './secretStore';
export { toCsv } from './csv';
export { BandwidthTester } from './bandwidthTest';
