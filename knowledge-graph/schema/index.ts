export * from './edges.js';
export * from './nodes.js';
export * from './provenance.js';
export * from './visibility.js';
