// Co-host guests' streams: each invited viewer publishes to a stream of their own, named after the room's,
// signed like the VJ's push URL, so the ingest can tell a guest's publish from a stranger's.
const SEPARATOR = '-guest-';

/** The stream a guest publishes in a room: `<room stream>-guest-<userId>` (room streams never hold "-"). */
export function guestStreamName(roomStream: string, userId: string): string {
  return `${roomStream}${SEPARATOR}${userId}`;
}

/**
 * The return feed the studio pushes for a guest: `<room stream>-return-<userId>`, the program with the
 * guest's mix-minus, which only the platform plays (to that guest, over WHEP).
 */
const RETURN_SEPARATOR = '-return-';

export function returnStreamName(roomStream: string, userId: string): string {
  return `${roomStream}${RETURN_SEPARATOR}${userId}`;
}

/** The room stream and guest of a return feed's stream name, or null when it is not one. */
export function parseReturnStreamName(streamName: string): { roomStream: string; userId: string } | null {
  const i = streamName.indexOf(RETURN_SEPARATOR);
  if (i <= 0) return null;
  const userId = streamName.slice(i + RETURN_SEPARATOR.length);
  return userId ? { roomStream: streamName.slice(0, i), userId } : null;
}

/** The room stream and guest of a guest stream name, or null when it is not one. */
export function parseGuestStreamName(streamName: string): { roomStream: string; userId: string } | null {
  const i = streamName.indexOf(SEPARATOR);
  if (i <= 0) return null;
  const userId = streamName.slice(i + SEPARATOR.length);
  return userId ? { roomStream: streamName.slice(0, i), userId } : null;
}
