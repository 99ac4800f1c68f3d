export { startControlPlane, type ControlPlane } from './controlplane.js';
export { ProviderPlayer, managedKinds, observedByComposition, rename, type Observed, type PlayedResource } from './providers.js';
export { annotation, composedOf, createClaim, goldenFor, identity, treeKinds, treeOf, type ClaimRun, type Kind } from './claims.js';
