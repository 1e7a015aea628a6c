// The rows the settings sections are made of: a labelled number field and a labelled check box. Each section
// decides what a typed number means (its range, its units), so the number row hands back the text as typed.
import type { ReactNode } from 'react';

/** The number typed, when it lies from `min` to `max`; null otherwise (an empty field reads as 0, as Number does). */
export function numberIn(typed: string, min: number, max = Infinity): number | null {
  const n = Number(typed);
  return n >= min && n <= max ? n : null;
}

export function NumberRow(props: {
  label: ReactNode;
  value: number;
  min: number;
  max?: number;
  step?: number;
  testId?: string;
  onText: (typed: string) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="number"
        data-testid={props.testId}
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onChange={(e) => props.onText(e.target.value)}
      />
    </label>
  );
}

export function CheckRow(props: {
  label: ReactNode;
  checked: boolean;
  set: (on: boolean) => void;
  testId?: string;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <label className={props.className}>
      <input
        type="checkbox"
        data-testid={props.testId}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.set(e.target.checked)}
      />{' '}
      {props.label}
    </label>
  );
}
