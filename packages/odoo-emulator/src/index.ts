export { DEFAULT_COUNTRIES } from './countries.js';
export { OdooError } from './errors.js';
export type { OdooErrorData } from './errors.js';
export type { Faults } from './faults.js';
export { Database } from './models.js';
export { startOdooEmulator } from './server.js';
export type { EmulatorOptions, OdooEmulator } from './server.js';
export type { OdooRecord, OdooValue } from './values.js';
