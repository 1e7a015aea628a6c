// Wraps the media port the co-host service drives so that every guest whose stream arrives is also sampled
// on its own (and stops being sampled when it goes), without the co-host service knowing about safety.
import type { SafetyService } from './safetyService';

export interface GuestStreamPort {
  setGuestStream(guestUserId: string, url: string | null): Promise<void>;
}

export function withGuestSafety<P extends GuestStreamPort>(
  port: P,
  safety: Pick<SafetyService, 'watchGuest' | 'unwatchGuest'>,
): P {
  return new Proxy(port, {
    get(target, prop, receiver) {
      if (prop === 'setGuestStream') {
        return async (guestUserId: string, url: string | null) => {
          if (url) safety.watchGuest(guestUserId, url);
          else safety.unwatchGuest(guestUserId);
          await target.setGuestStream(guestUserId, url);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
