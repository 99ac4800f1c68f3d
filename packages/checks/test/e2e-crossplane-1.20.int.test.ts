// Every service through real Crossplane 1.20 core (tools/crossplane-1.20),
// the line most installations run; the same scenario as on Crossplane 2.
import { describeCrossplaneLine } from './e2e/scenario.js';
import { SERVICES } from './e2e/services.js';

describeCrossplaneLine('1.20', SERVICES);
