export { crankPath } from './crank.js';
export { composedResources } from './output.js';
export { expectedOutcome, renderAll, renderExample, type RenderOutcome } from './render.js';
export { crankValidate, type ValidateOutcome } from './validate.js';
export { claimCRD, compositeCRD } from './xcrd.js';
