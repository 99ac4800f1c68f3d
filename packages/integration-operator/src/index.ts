export { Operator } from './operator.js';
export type { OperatorOptions } from './operator.js';
export { crdFiles } from './api/crds.js';
export * from './api/schema.js';
export type * from './api/types.js';
export { loadTemplateEngine, templateEngine, TemplateError } from './template/engine.js';
export type { TemplateEngine } from './template/engine.js';
export { HealthServer } from './ops/health.js';
