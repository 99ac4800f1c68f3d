// TypeScript shapes of the Plug and Socket APIs (schema.ts is the source the
// CRDs come from; test/api.test.ts checks the examples against both).
import type { ACTIONS, EVENTS } from './schema.js';

export type LifecycleEvent = (typeof EVENTS)[number];
export type ResourceAction = (typeof ACTIONS)[number];
export type StringMap = Record<string, string>;

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  labels?: StringMap;
  annotations?: StringMap;
}

export interface Var {
  name: string;
  objref: { apiVersion: string; kind: string; name: string; namespace?: string };
  fieldref: { fieldPath: string };
}

export interface Resource {
  when?: LifecycleEvent[];
  do?: ResourceAction;
  template?: Record<string, unknown>;
  templates?: Record<string, unknown>[];
  stringTemplate?: string;
  stringTemplates?: string[];
  preserveWhenDecoupled?: boolean;
}

export interface Apparatus {
  endpoint?: string;
  idleTimeout?: number;
  containers?: Record<string, unknown>[];
}

export interface SideSpec {
  vars?: Var[];
  resultVars?: Var[];
  data?: StringMap;
  dataConfigMapName?: string;
  dataSecretName?: string;
  config?: StringMap;
  configConfigMapName?: string;
  configSecretName?: string;
  configTemplate?: StringMap;
  result?: StringMap;
  resultConfigMapName?: string;
  resultSecretName?: string;
  resultTemplate?: StringMap;
  serviceAccountName?: string;
  apparatus?: Apparatus;
  resources?: Resource[];
  resultResources?: Resource[];
}

export interface InterfaceProperty {
  required?: boolean;
  default?: string;
  description?: string;
}
export type InterfaceSide = Record<string, InterfaceProperty>;
export interface SocketInterface {
  config?: { plug?: InterfaceSide; socket?: InterfaceSide };
  result?: { plug?: InterfaceSide; socket?: InterfaceSide };
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface ObjectRef {
  name: string;
  namespace: string;
  uid?: string;
}

export interface ApparatusStatus {
  podName?: string;
  lastUsed?: string;
}

export interface AppliedResource {
  side: 'plug' | 'socket';
  serviceAccount: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface PlugStatus {
  conditions?: Condition[];
  created?: boolean;
  apparatus?: ApparatusStatus | null;
  coupledSocket?: ObjectRef | null;
  observedGeneration?: number | null;
  socketGeneration?: number | null;
  lastEvent?: 'coupled' | 'updated' | null;
  resultsReady?: boolean;
  sourcesDigest?: string | null;
  resources?: AppliedResource[];
}

export interface SocketStatus {
  conditions?: Condition[];
  created?: boolean;
  apparatus?: ApparatusStatus | null;
  coupledPlugs?: ObjectRef[];
  coupledCount?: number;
}

export interface Plug {
  apiVersion: string;
  kind: 'Plug';
  metadata: ObjectMeta;
  spec: SideSpec & { socket: { name: string; namespace?: string } };
  status?: PlugStatus;
}

export interface Socket {
  apiVersion: string;
  kind: 'Socket';
  metadata: ObjectMeta;
  spec: SideSpec & {
    interface?: SocketInterface;
    limit?: number;
    validation?: { namespaceAllowList?: string[]; namespaceDenyList?: string[] };
  };
  status?: SocketStatus;
}

export type Side = Plug | Socket;
