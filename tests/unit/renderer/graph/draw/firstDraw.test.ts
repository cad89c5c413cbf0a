import type { Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { drawDirectly } from '../../../../../renderer/src/graph/draw/firstDraw.js';

function fakeCy(renderer: object | null): Core {
  return { renderer: () => renderer } as unknown as Core;
}

describe('drawDirectly', () => {
  it('draws through the direct method until released, then through the layered one again', () => {
    const calls: string[] = [];
    const renderer = {
      drawLayeredElements(context: unknown, eles: unknown) {
        calls.push(`layered ${String(context)} ${String(eles)}`);
      },
      drawElements(this: unknown, context: unknown, eles: unknown) {
        calls.push(`direct ${String(context)} ${String(eles)} ${this === renderer}`);
      },
    };
    const release = drawDirectly(fakeCy(renderer));
    renderer.drawLayeredElements('ctx', 'eles');
    release();
    renderer.drawLayeredElements('ctx', 'eles');
    release();
    renderer.drawLayeredElements('ctx', 'eles');
    expect(calls).toEqual(['direct ctx eles true', 'layered ctx eles', 'layered ctx eles']);
  });

  it('changes nothing when the renderer is not shaped as expected (another version, WebGL, headless)', () => {
    const layered = () => undefined;
    const renderer = { drawLayeredElements: layered };
    const release = drawDirectly(fakeCy(renderer));
    expect(renderer.drawLayeredElements).toBe(layered);
    expect(() => release()).not.toThrow();
    expect(() => drawDirectly(fakeCy(null))()).not.toThrow();
  });
});
