export { startControlPlane, type ControlPlane } from './controlplane.js';
export { ProviderPlayer, managedKinds, observedByComposition, rename, type Observed, type PlayedResource } from './providers.js';
