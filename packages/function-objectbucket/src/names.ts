import type { ServiceContext } from '@appcat/runtime';
import type { Input, Parameters } from './generated.js';

export type Context = ServiceContext<Parameters, Input>;

/** Composed resource names. Renaming one deletes the resource on a running service. */
export const BUCKET = 'bucket';
export const USER = 'user';
export const POLICY = 'policy';
