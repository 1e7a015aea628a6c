// Overlay slots: the graph's filters once, then commands for values, a new shape for a moved text layer.
import { describe, expect, it } from 'vitest';
import { layerCommands, layerState, overlayChain, overlayShape, type BoxLayer, type TextLayer } from './overlaySlots';

const box: BoxLayer = {
  kind: 'box',
  id: 'alert card',
  x: 10,
  y: 20,
  w: 300,
  h: 60,
  color: '0x00ff00@0.9',
  enabled: false,
};
const text: TextLayer = {
  kind: 'text',
  id: 'alert_text',
  file: "/tmp/it's:here.txt",
  x: 20,
  y: 30,
  fontSize: 24,
  color: 'white',
  enabled: false,
};

describe('overlay slots', () => {
  it('builds named timeline filters, text from a reloaded file with expansion off', () => {
    const chain = overlayChain([box, text]);
    expect(chain).toContain('drawbox@ol_alert_card=x=10:y=20:w=300:h=60:c=0x00ff00@0.9:t=fill:enable=0');
    expect(chain).toContain('drawtext@ol_alert_text=textfile=');
    expect(chain).toContain('reload=1:expansion=none');
    expect(chain).toContain("it\\\\\\'s\\\\:here");
  });

  it('changes values by command and only a text layer’s place or style changes the shape', () => {
    expect(layerCommands(box, { ...box, color: '0xff00ff@0.9', enabled: true, x: 40 })).toEqual([
      { target: 'drawbox@ol_alert_card', command: 'x', arg: '40' },
      { target: 'drawbox@ol_alert_card', command: 'color', arg: '0xff00ff@0.9' },
      { target: 'drawbox@ol_alert_card', command: 'enable', arg: '1' },
    ]);
    expect(layerCommands(text, { ...text, enabled: true })).toEqual([
      { target: 'drawtext@ol_alert_text', command: 'enable', arg: '1' },
    ]);
    expect(overlayShape([box, text])).toBe(
      overlayShape([
        { ...box, x: 99 },
        { ...text, enabled: true },
      ]),
    );
    expect(overlayShape([box, text])).not.toBe(overlayShape([box, { ...text, x: 99 }]));
    expect(layerState(box).map((c) => c.command)).toEqual(['x', 'y', 'w', 'h', 'color', 'enable']);
  });
});
