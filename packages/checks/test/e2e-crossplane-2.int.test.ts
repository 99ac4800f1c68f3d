// Every service through real Crossplane 2.x core (tools/crank), one control
// plane shared by the services; e2e/scenario.ts says what each one proves.
import { describeCrossplaneLine } from './e2e/scenario.js';
import { SERVICES } from './e2e/services.js';

describeCrossplaneLine('2', SERVICES);
