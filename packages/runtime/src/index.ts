export { bootstrapInstanceNs, disableBilling, instanceNamespaceName } from './billing.js';
export * as billing from './billing.js';
export { ServiceContext, type DesireOptions, type ResultOptions, type ResultTarget, type RuntimeInput } from './context.js';
export { FieldError, fixedOnceCreated, ValidationError } from './errors.js';
export { createFunction, SERVICE_READY, type FunctionSpec, type RunFunction, type Step } from './function.js';
export { createLogger, type Logger } from './log.js';
export { ownerLabels, withLabels } from './labels.js';
export { dnsName, shortHash, MAX_NAME_LENGTH } from './names.js';
export { observedManifest, wrapObject, type ManagementPolicy, type ObjectConnectionDetail, type ObjectOptions } from './objects.js';
export { parseQuantity } from './quantity.js';
export { Schema, toJsonSchema, type OpenAPISchema } from './schema.js';
export { FunctionRunnerClient } from './client.js';
export { bindAddress, parseServerArgs, serveFunction, startServer, type RunningServer, type ServerOptions } from './server.js';
export * from './unstructured.js';
export { inputSchemaOf, parametersSchemaOf, readYamlDocuments } from './xrd.js';
// The protocol's messages, so functions and their tests need only this package.
export { Ready, RunFunctionRequest, RunFunctionResponse, Severity, Target } from '@crossplane-org/function-sdk-typescript';
export { composeSelfSignedTLS, TLS_CERTIFICATE, TLS_ISSUER, TLS_SECRET, type SelfSignedTLSOptions } from './tls.js';
export { derivedMaintenanceWindow, uidDigest, type DayOfWeek, type MaintenanceWindow } from './schedules.js';
