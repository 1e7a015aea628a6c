// The event bus: payloads typed by the event's name (checked by the type checker here), and delivery.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EventPayload, LiveStats, SessionState } from '../contract';
import { EventBus } from './eventBus';

const notice: EventPayload<'system.notice'> = { level: 'info', code: 'test', message: 'hello' };

describe('EventBus', () => {
  it('hands on(name) listeners only their event, with the payload typed by the name', () => {
    const bus = new EventBus();
    const heard: string[] = [];
    bus.on('system.notice', (payload) => {
      expectTypeOf(payload).toEqualTypeOf<EventPayload<'system.notice'>>();
      heard.push(payload.message);
    });
    bus.on('session.stats', (payload) => {
      expectTypeOf(payload).toEqualTypeOf<LiveStats>();
      heard.push(`stats ${payload.viewers}`);
    });
    bus.emit('system.notice', notice);
    expect(heard).toEqual(['hello']);
  });

  it('narrows a subscriber payload by the event name', () => {
    const bus = new EventBus();
    const phases: string[] = [];
    bus.subscribe((name, payload) => {
      if (name !== 'session.state') return;
      expectTypeOf(payload).toEqualTypeOf<SessionState>();
      phases.push(payload.phase);
    });
    bus.emit('system.notice', notice);
    expect(phases).toEqual([]);
  });

  // `npm run typecheck` proves these: an unused @ts-expect-error is itself an error, so each line below must
  // fail to compile for the check to pass.
  it('refuses, at compile time, a payload of the wrong shape for the event', () => {
    const bus = new EventBus();
    const heard: unknown[] = [];
    // @ts-expect-error a chat batch's listener cannot take a session's state
    bus.on('chat.batch', (payload: SessionState) => heard.push(payload.phase));
    const emitWrongPayload = () =>
      // @ts-expect-error a notice is not a chat batch
      bus.emit('chat.batch', notice);
    bus.on('system.notice', (payload) => {
      // @ts-expect-error a notice has no viewers
      heard.push(payload.viewers);
    });
    expectTypeOf(emitWrongPayload).returns.toBeVoid();
    bus.emit('session.stats', {} as LiveStats);
    expect(heard).toEqual([]);
  });

  it('stops a listener that unsubscribed, and a throwing listener does not stop the others', () => {
    const bus = new EventBus();
    const heard: string[] = [];
    const off = bus.on('system.notice', () => heard.push('first'));
    bus.on('system.notice', () => {
      throw new Error('a closed socket');
    });
    bus.subscribe((name) => heard.push(name));
    bus.emit('system.notice', notice);
    off();
    bus.emit('system.notice', notice);
    expect(heard).toEqual(['first', 'system.notice', 'system.notice']);
  });
});
