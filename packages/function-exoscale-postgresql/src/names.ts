import type { ServiceContext } from '@appcat/runtime';
import type { Input, Parameters } from './generated.js';

export type Context = ServiceContext<Parameters, Input>;

/** Composed resource name. Renaming it deletes the database of every running instance. */
export const POSTGRESQL = 'postgresql';
