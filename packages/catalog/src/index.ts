// The repository as a model, for the checks, the benchmark and the tests.
export {
  loadStageCases,
  mergePatch,
  requestForCase,
  runStageCase,
  viewOf,
  type CaseExpectations,
  type ConditionExpectation,
  type StageCase,
  type StagePatch,
} from './cases.js';
export { crdMirror, materialiseCRDs, readCRDLock, type CRDLock, type LockedFile, type LockedSource } from './crds.js';
export { exampleAt, findExamples, functionsOf, type ExampleCase } from './examples.js';
export { packageDirOf, startFunctions, type RunningFunctions } from './functions.js';
export { repoRoot } from './repo.js';
export { requestForExample, requestJSONForExample, stepInput, type StageDetails } from './request.js';
export { BUNDLE_DIR, BUNDLE_FILE, bundleFunction, type Bundle } from './bundle.js';
export {
  buildImage,
  buildPackage,
  fetchImageInputs,
  IMAGE_BUNDLE,
  IMAGE_ENTRYPOINT,
  IMAGE_ENV,
  IMAGE_NODE,
  IMAGE_NODE_FLAGS,
  IMAGE_USER,
  IMAGE_WORKDIR,
  PACKAGE_DIR,
  readDockerfile,
  readImageLayout,
  packageImage,
  readImageLock,
  readPackagedImage,
  readProgramLayer,
  type BuiltImage,
  type BuiltPackage,
  type DockerfileImage,
  type ImageConfig,
  type ImageInputs,
  type ImageLayout,
  type ImageLock,
  type ImageSpec,
  type PackageTools,
} from './image.js';
