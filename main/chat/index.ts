// The chat area's public face: the feed the studio builds, the ChatService interface and its two adapters.
export { ChatFeed } from './chatFeed';
export type { ChatFeedOptions, ChatServiceFactory } from './chatFeed';
export type { ChatService, ChatServiceEvent, ChatRole } from './chatService';
export { ChatStore } from './chatStore';
export { ThreadChatWriter, type ChatWriter } from './chatWriter';
export { PlatformChatService } from './platform/platformAdapter';
export { TencentChatService } from './tencent/tencentAdapter';
export { HttpBusinessServer } from './tencent/businessServer';
export { chatServiceFactory, createChatService } from './serviceFactory';
export type { TencentChatModule } from './tencent/sdkShape';
