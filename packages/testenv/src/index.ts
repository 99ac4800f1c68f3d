export type { AggregatedAPI } from './aggregation.js';
export { createCertificateAuthority } from './certs.js';
export type { CaOptions, CertificateAuthority, IssueOptions, KeyPair } from './certs.js';
export { readCRDs } from './crds.js';
export type { CustomResourceDefinition, InstallCRDsOptions } from './crds.js';
export { defaultBinDir, startTestEnv } from './testenv.js';
export type { FrontProxy, TestEnv, TestEnvOptions } from './testenv.js';
export {
  crossplaneCLI,
  crossplaneCRDDir,
  crossplaneVersion,
  startControllerManager,
  startCrossplane,
  type Crossplane,
  type CrossplaneLine,
  type CrossplaneOptions,
} from './crossplane.js';
export {
  conditionTrue,
  installFunction,
  publishFunction,
  serveFunctionProcess,
  startRegistry,
  type FunctionPackage,
  type FunctionProcess,
} from './functions.js';
export { Kube, KubeError, until, type Obj } from './kube.js';
