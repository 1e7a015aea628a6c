// A guest's SDP offer answered by a WebRTC session (WHIP publishing or WHEP watching), or refused in plain words.
import { HttpError } from '../http/router';
import { refusals } from '../http/refusals';

interface OfferedSession {
  answer(offerSdp: string): Promise<string>;
  close(why: string): Promise<void>;
}

/** The session's answer; an offer it cannot take closes it and becomes a 400 that says why. */
export async function answerOrRefuse(session: OfferedSession, offerSdp: string): Promise<string> {
  try {
    return await session.answer(offerSdp);
  } catch (e) {
    await session.close('The offer was refused.');
    throw new HttpError(400, 'invalid_input', refusals.whipBadOffer((e as Error).message));
  }
}
