import { describe, expect, it } from 'vitest';
import {
  AUTO_EVERYONE_MAX,
  chooseRenderer,
  classifyGl,
  effectiveGrouping,
  EVERYONE_MAX,
  labelPolicy,
  WEBGL_MAX_ELEMENTS_BACK,
  WEBGL_MIN_ELEMENTS,
} from '../../../../renderer/src/graph/lod';

describe('level of detail', () => {
  it('draws everyone on a small network and groups by company above AUTO_EVERYONE_MAX when nothing is chosen', () => {
    expect(effectiveGrouping(null, AUTO_EVERYONE_MAX)).toEqual({ groupBy: 'none', notice: null });
    expect(effectiveGrouping(null, AUTO_EVERYONE_MAX + 1)).toEqual({ groupBy: 'company', notice: null });
  });

  it('honours "Everyone" up to EVERYONE_MAX, then groups and says why', () => {
    expect(effectiveGrouping('none', EVERYONE_MAX).groupBy).toBe('none');
    const over = effectiveGrouping('none', 30_000);
    expect(over.groupBy).toBe('company');
    expect(over.notice).toContain('30,000 people are too many');
    expect(effectiveGrouping('tag', 30_000)).toEqual({ groupBy: 'tag', notice: null });
    expect(effectiveGrouping('community', 3)).toEqual({ groupBy: 'community', notice: null });
  });

  it('labels appear later as one zooms in on a bigger drawing', () => {
    const small = labelPolicy(50, 80);
    const mid = labelPolicy(600, 1500);
    const big = labelPolicy(3000, 9000);
    expect(small.personMinFont).toBeLessThan(mid.personMinFont);
    expect(mid.personMinFont).toBeLessThan(big.personMinFont);
    expect(big.groupMinFont).toBeLessThan(big.personMinFont);
    expect(small.textureOnViewport || small.hideEdgesOnViewport).toBe(false);
    expect(labelPolicy(5000, 12_000).textureOnViewport).toBe(true);
  });
});

describe('renderer choice', () => {
  it('never picks WebGL under a software rasteriser or without WebGL2', () => {
    expect(chooseRenderer(50_000, 'software')).toBe('canvas');
    expect(chooseRenderer(50_000, 'none')).toBe('canvas');
  });

  it('picks WebGL on a GPU for big drawings, with hysteresis', () => {
    expect(chooseRenderer(WEBGL_MIN_ELEMENTS - 1, 'hardware')).toBe('canvas');
    expect(chooseRenderer(WEBGL_MIN_ELEMENTS, 'hardware')).toBe('webgl');
    expect(chooseRenderer(WEBGL_MAX_ELEMENTS_BACK + 1, 'hardware', 'webgl')).toBe('webgl');
    expect(chooseRenderer(WEBGL_MAX_ELEMENTS_BACK - 1, 'hardware', 'webgl')).toBe('canvas');
    expect(chooseRenderer(WEBGL_MAX_ELEMENTS_BACK + 1, 'hardware', 'canvas')).toBe('canvas');
  });

  it('follows the developer override when WebGL exists at all', () => {
    expect(chooseRenderer(10, 'software', null, 'webgl')).toBe('webgl');
    expect(chooseRenderer(10, 'none', null, 'webgl')).toBe('canvas');
    expect(chooseRenderer(1e6, 'hardware', null, 'canvas')).toBe('canvas');
  });

  it('tells software rasterisers from GPUs by their renderer string', () => {
    expect(classifyGl('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('software');
    expect(classifyGl('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('software');
    expect(classifyGl('Microsoft Basic Render Driver')).toBe('software');
    expect(classifyGl('ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)')).toBe('hardware');
    expect(classifyGl('NVIDIA GeForce RTX 3060/PCIe/SSE2')).toBe('hardware');
    expect(classifyGl(null)).toBe('none');
  });
});
