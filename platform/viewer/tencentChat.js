// The page's one way to Tencent Cloud IM (cloud mode): @tencentcloud/chat's ES module build with its group module,
// both served by the platform itself (no CDN). A test's platform may serve a stand-in in this file's place.
import TencentCloudChat from '/vendor/tencent-chat.js';
import GroupModule from '/vendor/tencent-chat-group.js';

export const EVENT = TencentCloudChat.EVENT;
export const TYPES = TencentCloudChat.TYPES;

/** One SDK instance for this page's app (the SDK's own log kept to warnings and errors). */
export function createChat(sdkAppId) {
  const chat = TencentCloudChat.create({ SDKAppID: sdkAppId, modules: { 'group-module': GroupModule } });
  chat.setLogLevel(2);
  return chat;
}
