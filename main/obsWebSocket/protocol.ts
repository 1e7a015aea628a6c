// The numbers of the obs-websocket 5 protocol (RPC version 1) that control surfaces and bots speak: op codes,
// close codes, request statuses and event subscription bits, as the protocol reference defines them.

export const RPC_VERSION = 1;
/** The obs-websocket release whose protocol this server follows (Hello's obsWebSocketVersion). */
export const OBS_WEBSOCKET_VERSION = '5.5.2';

export const SUBPROTOCOL_JSON = 'obswebsocket.json';
export const SUBPROTOCOL_MSGPACK = 'obswebsocket.msgpack';

export const OpCode = {
  Hello: 0,
  Identify: 1,
  Identified: 2,
  Reidentify: 3,
  Event: 5,
  Request: 6,
  RequestResponse: 7,
  RequestBatch: 8,
  RequestBatchResponse: 9,
} as const;

export const CloseCode = {
  UnknownReason: 4000,
  MessageDecodeError: 4002,
  MissingDataField: 4003,
  InvalidDataFieldType: 4004,
  InvalidDataFieldValue: 4005,
  UnknownOpCode: 4006,
  NotIdentified: 4007,
  AlreadyIdentified: 4008,
  AuthenticationFailed: 4009,
  UnsupportedRpcVersion: 4010,
  SessionInvalidated: 4011,
  UnsupportedFeature: 4012,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const RequestStatus = {
  Success: 100,
  MissingRequestType: 203,
  UnknownRequestType: 204,
  GenericError: 205,
  UnsupportedRequestBatchExecutionType: 206,
  NotReady: 207,
  MissingRequestField: 300,
  MissingRequestData: 301,
  InvalidRequestField: 400,
  InvalidRequestFieldType: 401,
  RequestFieldOutOfRange: 402,
  RequestFieldEmpty: 403,
  OutputRunning: 500,
  OutputNotRunning: 501,
  StudioModeActive: 505,
  StudioModeNotActive: 506,
  ResourceNotFound: 600,
  InvalidResourceState: 604,
  ResourceNotConfigurable: 606,
  ResourceActionFailed: 701,
  RequestProcessingFailed: 702,
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

export const EventSubscription = {
  General: 1 << 0,
  Config: 1 << 1,
  Scenes: 1 << 2,
  Inputs: 1 << 3,
  Transitions: 1 << 4,
  Filters: 1 << 5,
  Outputs: 1 << 6,
  SceneItems: 1 << 7,
  MediaInputs: 1 << 8,
  Vendors: 1 << 9,
  Ui: 1 << 10,
  /** Every category that is not high volume: what a client gets when it asks for nothing in particular. */
  All: (1 << 11) - 1,
} as const;

export const BatchExecution = { None: -1, SerialRealtime: 0, SerialFrame: 1, Parallel: 2 } as const;

/** Output states as StreamStateChanged and RecordStateChanged name them. */
export const OutputState = {
  Starting: 'OBS_WEBSOCKET_OUTPUT_STARTING',
  Started: 'OBS_WEBSOCKET_OUTPUT_STARTED',
  Stopping: 'OBS_WEBSOCKET_OUTPUT_STOPPING',
  Stopped: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
  Reconnecting: 'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
  Reconnected: 'OBS_WEBSOCKET_OUTPUT_RECONNECTED',
} as const;

/** The largest message a client may send; the WebSocket layer closes with 1009 (Message Too Big) above it. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** Requests in one RequestBatch; a longer batch is refused (InvalidDataFieldValue) before any of it runs. */
export const MAX_BATCH_REQUESTS = 64;
/** Control surfaces connected at once; one more is turned away at the handshake (HTTP 503). */
export const MAX_SESSIONS = 16;
/** A client that has not identified after this long is closed (NotIdentified). */
export const IDENTIFY_TIMEOUT_MS = 10_000;
