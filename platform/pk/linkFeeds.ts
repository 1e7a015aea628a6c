// A linked VJ's link feed: the stream a studio publishes while linked (its program and its own voice only) and
// the other studio pulls. Named after the room's stream and signed like it, so the ingest can tell it apart.
const SUFFIX = '-pklink';

export function linkFeedStreamName(roomStream: string): string {
  return `${roomStream}${SUFFIX}`;
}

/** The room stream of a link feed's name, or null when it is not one. */
export function parseLinkFeedStreamName(streamName: string): string | null {
  return streamName.endsWith(SUFFIX) && streamName.length > SUFFIX.length ? streamName.slice(0, -SUFFIX.length) : null;
}
