import type React from 'react';
import { useEffect, useRef } from 'react';
import { GraphController } from '../graph/controller';
import { useStore } from '../store/useAppState';

/**
 * The Cytoscape container. React renders it once; the controller owns `cy`
 * (created here, destroyed on unmount) and follows the store by itself, so a
 * selection or an edit never re-renders React for the graph.
 */
export function GraphView({ exposeProbe }: { readonly exposeProbe: boolean }): React.JSX.Element {
  const store = useStore();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return undefined;
    const controller = new GraphController(container.current, store);
    if (exposeProbe) window.__kithGraph = controller;
    return () => {
      if (window.__kithGraph === controller) delete window.__kithGraph;
      controller.destroy();
    };
  }, [store, exposeProbe]);
  return (
    <div
      ref={container}
      className="graph"
      data-testid="graph"
      role="img"
      aria-label="Your network as a graph: select people and ties with the mouse, or use Find a person."
    />
  );
}
