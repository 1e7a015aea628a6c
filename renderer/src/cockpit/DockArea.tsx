// The docking library (dockview-core) under React: dockview owns the grid, the tabs, the drag and drop
// and the sashes; each panel's body is an element dockview hands us, which React fills through a portal,
// so every panel stays inside the app's providers (the studio client, the language) and keeps its state.
import { createDockview, themeAbyss, type DockviewApi, type DockviewMessages } from 'dockview';
import 'dockview/dist/styles/dockview.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface Props {
  /** Called once the dock exists, and with null when it goes. */
  onApi: (api: DockviewApi | null) => void;
  renderPanel: (component: string) => ReactNode;
  messages: Partial<DockviewMessages>;
  label: string;
}

export function DockArea({ onApi, renderPanel, messages, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [bodies, setBodies] = useState<ReadonlyMap<string, { element: HTMLElement; component: string }>>(new Map());
  const firstMessages = useRef(messages);
  const apiRef = useRef<DockviewApi | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const api = createDockview(element, {
      theme: themeAbyss,
      messages: firstMessages.current,
      createComponent: ({ id, name }) => {
        const body = document.createElement('div');
        body.className = 'cockpit-panel-body';
        body.dataset.panel = name;
        // Reachable by its key (focus lands on the panel itself), never a stop in the Tab order.
        body.tabIndex = -1;
        return {
          element: body,
          init: () => setBodies((m) => new Map(m).set(id, { element: body, component: name })),
          dispose: () =>
            setBodies((m) => {
              const next = new Map(m);
              next.delete(id);
              return next;
            }),
        };
      },
    });
    apiRef.current = api;
    onApi(api);
    return () => {
      onApi(null);
      apiRef.current = null;
      api.dispose();
    };
    // The dock is made once per mount; its callbacks read the latest props through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    apiRef.current?.updateOptions({ messages });
  }, [messages]);

  return (
    <div className="cockpit-dock" ref={host} role="region" aria-label={label} data-testid="cockpit-dock">
      {[...bodies].map(([id, body]) => createPortal(renderPanel(body.component), body.element, id))}
    </div>
  );
}
