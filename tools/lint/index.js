// typescript-eslint resolves `typescript` from here, so it gets the 6.0 API it supports while the
// project's own `tsc` is TypeScript 7 (which offers typescript-eslint no JavaScript API yet).
export { default } from 'typescript-eslint';
export * from 'typescript-eslint';
export { layersPlugin } from './layers.js';
