export { findExamples, functionsOf, type ExampleCase } from './examples.js';
export { packageDirOf, startFunctions, type RunningFunctions } from './functions.js';
export { kubernetesModuleDir, kubernetesVersion, loadKubeOpenAPI } from './kube-openapi.js';
export { expectedOutcome, renderAll, renderExample, type RenderOutcome } from './render.js';
export { crankPath, repoRoot, sharedDir } from './repo.js';
export { SchemaCatalog } from './schemas.js';
export { composedResources } from './output.js';
export { requestForExample } from './request.js';
export { claimCRD, compositeCRD } from './xcrd.js';
