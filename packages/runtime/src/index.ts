// The Crossplane-generic runtime of a composition function: steps over a
// per-call context, failures as results, the gRPC server and client.
export {
  CLAIM_NAME,
  CLAIM_NAMESPACE,
  SERVICE_READY,
  ServiceContext,
  type DesireOptions,
  type ResultOptions,
  type ResultTarget,
  type RuntimeInput,
} from './context.js';
export { FieldError, ValidationError } from './errors.js';
export { createFunction, type FunctionSpec, type RunFunction, type Step } from './function.js';
export { createLogger, type Logger } from './log.js';
export { BoundedCache, dns1035Name, dnsName, shortHash, MAX_NAME_LENGTH } from './names.js';
export {
  observedManifest,
  observedMissing,
  wrapObject,
  type ManagementPolicy,
  type ObjectConnectionDetail,
  type ObjectOptions,
  type ObjectReference,
  type ReadinessPolicy,
} from './objects.js';
export { generatePassword, secretWithData, storedSecretValue, type StoredValueLabels } from './passwords.js';
export { parseQuantity } from './quantity.js';
export { Schema, toJsonSchema, validatorRuntime, type OpenAPISchema, type SchemaOptions, type Validator } from './schema.js';
export { FunctionRunnerClient } from './client.js';
export { bindAddress, parseServerArgs, serveFunction, startServer, type RunningServer, type ServerOptions } from './server.js';
export * from './unstructured.js';
export { inputSchemaOf, parametersSchemaOf, readYamlDocuments } from './xrd.js';
// The protocol's messages, so functions and their tests need only this package.
export { Ready, RunFunctionRequest, RunFunctionResponse, Severity, Target } from '@crossplane-org/function-sdk-typescript';
