/** Graph queries on a Kith network: planned-happenstance paths, reach, provenance, introductions, style. */
export * from './cost.js';
export * from './dates.js';
export * from './explain.js';
export * from './graphIndex.js';
export * from './intros.js';
export * from './kShortest.js';
export * from './labels.js';
export * from './paths.js';
export * from './provenance.js';
export * from './reach.js';
export * from './style.js';
export * from './targets.js';
