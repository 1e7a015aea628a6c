// A ref that always holds the value of the latest render. It is updated in a layout effect, which runs right
// after React commits and before the browser hands over the next event: a key pressed the moment a screen
// shows new data is handled with that data, never with the closure of the render before it.
import { useLayoutEffect, useRef, type RefObject } from 'react';

export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
