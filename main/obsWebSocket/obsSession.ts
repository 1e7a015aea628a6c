// One control surface's connection: Hello, Identify (with the challenge), Reidentify, requests and batches,
// events it subscribed to, and the protocol's close code for anything it sends that is not the protocol.
import type { WebSocket } from 'ws';
import { checkAuthentication, newChallenge, type Challenge } from './auth';
import { decodeFrame, encodeMessage, type Encoding } from './codec';
import {
  BatchExecution,
  CloseCode,
  EventSubscription,
  IDENTIFY_TIMEOUT_MS,
  MAX_BATCH_REQUESTS,
  OBS_WEBSOCKET_VERSION,
  OpCode,
  RPC_VERSION,
} from './protocol';
import type { RequestOutcome } from './requestTypes';

export interface SessionHost {
  /** The password every client must prove it knows. */
  password(): string;
  run(requestType: string, requestData: Record<string, unknown>, session: ObsSession): Promise<RequestOutcome>;
  log(line: string): void;
}

class ProtocolViolation extends Error {
  constructor(
    readonly code: CloseCode,
    reason: string,
  ) {
    super(reason);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function field(d: Record<string, unknown>, key: string, type: 'string' | 'number' | 'boolean' | 'object' | 'array') {
  const v = d[key];
  const matches = type === 'array' ? Array.isArray(v) : type === 'object' ? isObject(v) : typeof v === type;
  if (!matches) throw new ProtocolViolation(CloseCode.InvalidDataFieldType, `The field "${key}" must be a ${type}.`);
  return v;
}

function required(d: Record<string, unknown>, key: string) {
  if (!(key in d) || d[key] === undefined)
    throw new ProtocolViolation(CloseCode.MissingDataField, `The field "${key}" is missing.`);
}

export class ObsSession {
  identified = false;
  eventSubscriptions: number = EventSubscription.All;
  incoming = 0;
  outgoing = 0;
  private readonly challenge: Challenge = newChallenge();
  private readonly identifyTimer: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    readonly encoding: Encoding,
    readonly peer: string,
    private readonly host: SessionHost,
  ) {
    this.send(OpCode.Hello, {
      obsWebSocketVersion: OBS_WEBSOCKET_VERSION,
      rpcVersion: RPC_VERSION,
      authentication: this.challenge,
    });
    this.identifyTimer = setTimeout(
      () => this.close(CloseCode.NotIdentified, 'Identify did not arrive in time.'),
      IDENTIFY_TIMEOUT_MS,
    );
    ws.on('message', (data, isBinary) => void this.receive(data as Buffer, isBinary));
    ws.on('close', () => clearTimeout(this.identifyTimer));
  }

  /** Sends an event if this client subscribed to its category. */
  event(eventType: string, intent: number, eventData?: Record<string, unknown>): void {
    if (!this.identified || (this.eventSubscriptions & intent) === 0) return;
    this.send(OpCode.Event, { eventType, eventIntent: intent, ...(eventData ? { eventData } : {}) });
  }

  close(code: number, reason: string): void {
    clearTimeout(this.identifyTimer);
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(code, reason.slice(0, 120));
  }

  private send(op: number, d: unknown): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.outgoing++;
    this.ws.send(encodeMessage(this.encoding, { op, d }));
  }

  private async receive(data: Buffer, isBinary: boolean): Promise<void> {
    this.incoming++;
    try {
      const decoded = decodeFrame(this.encoding, data, isBinary);
      if (!decoded.ok) throw new ProtocolViolation(CloseCode.MessageDecodeError, decoded.reason);
      const message = decoded.message;
      if (!isObject(message)) throw new ProtocolViolation(CloseCode.MessageDecodeError, 'A message must be an object.');
      required(message, 'op');
      const op = field(message, 'op', 'number');
      required(message, 'd');
      const d = field(message, 'd', 'object') as Record<string, unknown>;
      if (op === OpCode.Identify) return this.identify(d);
      if (op !== OpCode.Reidentify && op !== OpCode.Request && op !== OpCode.RequestBatch)
        throw new ProtocolViolation(
          CloseCode.UnknownOpCode,
          `The op code ${String(op).slice(0, 12)} is not one a client sends.`,
        );
      if (!this.identified) throw new ProtocolViolation(CloseCode.NotIdentified, 'Send Identify before anything else.');
      if (op === OpCode.Reidentify) return this.reidentify(d);
      if (op === OpCode.Request) return await this.request(d);
      return await this.batch(d);
    } catch (err) {
      if (err instanceof ProtocolViolation) {
        this.host.log(`obs-websocket ${this.peer}: closed (${err.code}): ${err.message}`);
        this.close(err.code, err.message);
        return;
      }
      this.host.log(`obs-websocket ${this.peer}: ${(err as Error).stack ?? String(err)}`);
      this.close(CloseCode.UnknownReason, 'The studio could not handle that message.');
    }
  }

  private identify(d: Record<string, unknown>): void {
    if (this.identified)
      throw new ProtocolViolation(CloseCode.AlreadyIdentified, 'This session is identified already.');
    required(d, 'rpcVersion');
    const rpcVersion = field(d, 'rpcVersion', 'number') as number;
    if (rpcVersion !== RPC_VERSION)
      throw new ProtocolViolation(CloseCode.UnsupportedRpcVersion, `This server speaks RPC version ${RPC_VERSION}.`);
    if (!checkAuthentication(this.host.password(), this.challenge, d.authentication))
      throw new ProtocolViolation(CloseCode.AuthenticationFailed, 'Authentication failed: the password is wrong.');
    this.subscribe(d);
    this.identified = true;
    clearTimeout(this.identifyTimer);
    this.send(OpCode.Identified, { negotiatedRpcVersion: RPC_VERSION });
  }

  private reidentify(d: Record<string, unknown>): void {
    this.subscribe(d);
    this.send(OpCode.Identified, { negotiatedRpcVersion: RPC_VERSION });
  }

  private subscribe(d: Record<string, unknown>): void {
    if (d.eventSubscriptions === undefined) return;
    const bits = field(d, 'eventSubscriptions', 'number') as number;
    if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff)
      throw new ProtocolViolation(CloseCode.InvalidDataFieldValue, 'eventSubscriptions must be a bitmask.');
    this.eventSubscriptions = bits;
  }

  private async request(d: Record<string, unknown>): Promise<void> {
    required(d, 'requestId');
    const requestId = field(d, 'requestId', 'string') as string;
    const response = await this.runOne(d);
    this.send(OpCode.RequestResponse, { ...response, requestId });
  }

  private async batch(d: Record<string, unknown>): Promise<void> {
    required(d, 'requestId');
    const requestId = field(d, 'requestId', 'string') as string;
    required(d, 'requests');
    const requests = field(d, 'requests', 'array') as unknown[];
    if (requests.length > MAX_BATCH_REQUESTS)
      throw new ProtocolViolation(
        CloseCode.InvalidDataFieldValue,
        `A batch holds at most ${MAX_BATCH_REQUESTS} requests.`,
      );
    const haltOnFailure = d.haltOnFailure === undefined ? false : field(d, 'haltOnFailure', 'boolean');
    const executionType = d.executionType === undefined ? 0 : field(d, 'executionType', 'number');
    if (
      executionType !== BatchExecution.SerialRealtime &&
      executionType !== BatchExecution.SerialFrame &&
      executionType !== BatchExecution.Parallel
    )
      throw new ProtocolViolation(CloseCode.InvalidDataFieldValue, 'executionType must be 0, 1 or 2.');
    const items = requests.map((r) => (isObject(r) ? r : {}));
    let results: Record<string, unknown>[];
    if (executionType === BatchExecution.Parallel) {
      results = await Promise.all(items.map((r) => this.runOne(r)));
    } else {
      // There are no render frames to wait for here, so SerialFrame runs like SerialRealtime.
      results = [];
      for (const r of items) {
        const result = await this.runOne(r);
        results.push(result);
        if (haltOnFailure && !(result.requestStatus as { result: boolean }).result) break;
      }
    }
    this.send(OpCode.RequestBatchResponse, { requestId, results });
  }

  /** One request, as a response without its requestId (a batch's results carry the client's ids). */
  private async runOne(r: Record<string, unknown>): Promise<Record<string, unknown>> {
    const requestId = typeof r.requestId === 'string' ? { requestId: r.requestId } : {};
    if (typeof r.requestType !== 'string' || r.requestType === '')
      return {
        ...requestId,
        requestType: '',
        requestStatus: { result: false, code: 203, comment: 'The request has no requestType.' },
      };
    if (r.requestData !== undefined && r.requestData !== null && !isObject(r.requestData))
      return {
        ...requestId,
        requestType: r.requestType,
        requestStatus: { result: false, code: 401, comment: 'requestData must be an object.' },
      };
    const outcome = await this.host.run(r.requestType, (r.requestData as Record<string, unknown>) ?? {}, this);
    return {
      ...requestId,
      requestType: r.requestType,
      requestStatus: outcome.ok
        ? { result: true, code: 100 }
        : { result: false, code: outcome.code, comment: outcome.comment },
      ...(outcome.ok && outcome.data ? { responseData: outcome.data } : {}),
    };
  }
}
