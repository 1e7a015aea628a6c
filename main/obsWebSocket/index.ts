// The obs-websocket 5 server of the studio (control surfaces, bots): its one public face.
export { ObsWebSocketService, OBS_SETTINGS_KEY } from './obsWebSocketService';
export type { ObsWebSocketServiceOptions } from './obsWebSocketService';
export { VENDOR_NAME } from './vendorRequests';
export { requestTypes } from './requests';
