// The beauty panel's sender: changes during an in-flight command coalesce, the latest value wins, and an echo of
// the studio's state never resets what the VJ is dragging.
import { describe, expect, it } from 'vitest';
import { LatestWins, shownValues } from './latestWins';

interface Level {
  smoothing: number;
  whitening: number;
}

/** A studio that answers each command only when told to, recording what it received. */
function slowStudio() {
  const received: Partial<Level>[] = [];
  const answers: Array<(error?: Error) => void> = [];
  const send = (patch: Partial<Level>) =>
    new Promise<void>((resolve, reject) => {
      received.push(patch);
      answers.push((error) => (error ? reject(error) : resolve()));
    });
  const answerNext = async (error?: Error) => {
    answers.shift()?.(error);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { received, send, answerNext };
}

describe('LatestWins', () => {
  it('sends the first change at once and coalesces the rest while it is in flight, latest value winning', async () => {
    const studio = slowStudio();
    const sender = new LatestWins<Level>(studio.send);
    sender.push({ smoothing: 1 });
    for (let v = 2; v <= 9; v++) sender.push({ smoothing: v });
    sender.push({ whitening: 4 });
    expect(studio.received).toEqual([{ smoothing: 1 }]);
    expect(sender.busy).toBe(true);
    await studio.answerNext();
    expect(studio.received).toEqual([{ smoothing: 1 }, { smoothing: 9, whitening: 4 }]);
    await studio.answerNext();
    expect(studio.received).toHaveLength(2);
    expect(sender.busy).toBe(false);
  });

  it('reports a refusal and still sends what came after it', async () => {
    const studio = slowStudio();
    const answers: Array<string | null> = [];
    const sender = new LatestWins<Level>(studio.send, (e) => answers.push(e?.message ?? null));
    sender.push({ smoothing: 3 });
    sender.push({ smoothing: 5 });
    await studio.answerNext(new Error('The picture is not running.'));
    await studio.answerNext();
    expect(answers).toEqual(['The picture is not running.', null]);
    expect(studio.received).toEqual([{ smoothing: 3 }, { smoothing: 5 }]);
  });

  it("keeps the panel's values while changes are unsent, and takes the studio's once settled", async () => {
    const studio = slowStudio();
    const sender = new LatestWins<Level>(studio.send);
    const panel = { smoothing: 7, whitening: 0 };
    sender.push({ smoothing: 5 });
    sender.push({ smoothing: 7 });
    // The studio's state event for the first command arrives mid-drag: it must not pull the slider back to 5.
    expect(shownValues(panel, { smoothing: 5, whitening: 0 }, sender.busy)).toBe(panel);
    await studio.answerNext();
    await studio.answerNext();
    const settled = { smoothing: 7, whitening: 2 };
    expect(shownValues(panel, settled, sender.busy)).toBe(settled);
  });
});
