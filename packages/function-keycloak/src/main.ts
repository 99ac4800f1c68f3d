import { serveFunction } from '@appcat/runtime';
import { runFunction } from './function.js';

await serveFunction(runFunction);
