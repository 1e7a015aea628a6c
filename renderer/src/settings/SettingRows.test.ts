// The settings rows render the label and field the sections wrote out by hand before (the e2e tests find them by
// their test ids), and numberIn takes a typed number only inside its range.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CheckRow, NumberRow, numberIn } from './SettingRows';

const ignore = () => {};

describe('settings rows', () => {
  it('renders a number row as its label and a number field, with only the attributes it was given', () => {
    const full = createElement(NumberRow, {
      label: 'Sample every (s)',
      testId: 'interval',
      value: 2,
      min: 0.5,
      max: 60,
      step: 0.5,
      onText: ignore,
    });
    expect(renderToStaticMarkup(full)).toBe(
      '<label>Sample every (s) <input type="number" data-testid="interval" min="0.5" max="60" step="0.5" value="2"/></label>',
    );
    const bare = createElement(NumberRow, { label: 'Like step', value: 100, min: 1, onText: ignore });
    expect(renderToStaticMarkup(bare)).toBe('<label>Like step <input type="number" min="1" value="100"/></label>');
  });

  it('renders a check row as a check box before its label, disabled and classed only when asked', () => {
    const on = createElement(CheckRow, { label: 'Show', testId: 'show', checked: true, set: ignore });
    expect(renderToStaticMarkup(on)).toBe('<label><input type="checkbox" data-testid="show" checked=""/> Show</label>');
    const off = createElement(CheckRow, {
      label: '启用',
      className: 'row',
      checked: false,
      disabled: true,
      set: ignore,
    });
    expect(renderToStaticMarkup(off)).toBe('<label class="row"><input type="checkbox" disabled=""/> 启用</label>');
  });

  it('takes a typed number only inside its range', () => {
    expect(numberIn('2.5', 0.5, 15)).toBe(2.5);
    expect(numberIn('15', 0.5, 15)).toBe(15);
    expect(numberIn('15.5', 0.5, 15)).toBeNull();
    expect(numberIn('0.4', 0.5, 15)).toBeNull();
    expect(numberIn('abc', 0, 5)).toBeNull();
    expect(numberIn('', 0, 5)).toBe(0);
    expect(numberIn('', 1)).toBeNull();
    expect(numberIn('1000000', 1)).toBe(1_000_000);
  });
});
