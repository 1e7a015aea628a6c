// The studio's own clients of the platform's wires, for platform tests that prove the studio's side of a wire
// (cloud mode's relay): platform tests reach the studio here, never by importing main/ themselves.
export type { StudioError } from '../main/contract';
export { HttpBusinessServer } from '../main/chat/tencent/businessServer';
export { TencentChatService } from '../main/chat/tencent/tencentAdapter';
