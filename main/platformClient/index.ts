// The business server's HTTP API as the studio uses it.
export { PlatformClient, type PlatformClientOptions } from './platformClient';
export type {
  PlatformEndStats,
  PlatformGuestStream,
  PlatformHeartbeat,
  PlatformLiveRoom,
  PlatformMe,
  PlatformRoom,
  PlatformSession,
} from './answerReaders';
