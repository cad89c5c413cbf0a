import type { Core } from 'cytoscape';

type Draw = (this: CanvasRendererInternals, context: unknown, eles: unknown, pxRatio: unknown, extent: unknown) => void;

/** The two methods of Cytoscape's canvas renderer (3.34) that this relies on; not part of its public API. */
interface CanvasRendererInternals {
  drawLayeredElements?: Draw;
  drawElements?: (context: unknown, eles: unknown) => void;
}

/**
 * Draws Cytoscape's frames directly, without its texture caches, until the
 * returned function is called. The canvas renderer draws every node and
 * label into a cached bitmap, those into layer bitmaps, and the layers on
 * screen: that pays on later frames (pan, zoom), but the first frame pays
 * all of it, on code running for the first time — measured here, a quarter
 * of the first draw of a 1,000-person network's groups and half of a
 * 5,000-person one's. Cytoscape has no option for this, so this wraps the
 * renderer's layered draw, and does nothing if the renderer is not shaped
 * as expected (another version, the WebGL renderer).
 */
export function drawDirectly(cy: Core): () => void {
  const renderer = (cy as unknown as { renderer(): CanvasRendererInternals | null | undefined }).renderer();
  const layered = renderer?.drawLayeredElements;
  const direct = renderer?.drawElements;
  if (!renderer || typeof layered !== 'function' || typeof direct !== 'function') return () => undefined;
  renderer.drawLayeredElements = function (context, eles) {
    direct.call(this, context, eles);
  };
  return () => {
    renderer.drawLayeredElements = layered;
  };
}
