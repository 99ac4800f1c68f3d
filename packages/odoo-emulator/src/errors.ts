// Odoo's exceptions as they travel on the wire: the Python class path in
// `name`, the message, and the HTTP status JSON-2 answers with (the legacy
// JSON-RPC endpoint always answers 200 and carries the error in the body).

export class OdooError extends Error {
  constructor(
    /** Qualified Python class name, e.g. `odoo.exceptions.AccessDenied`. */
    readonly odooName: string,
    message: string,
    /** The status JSON-2 responds with. */
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

export const accessDenied = (message = 'Access Denied'): OdooError => new OdooError('odoo.exceptions.AccessDenied', message, 401);
export const accessError = (message: string): OdooError => new OdooError('odoo.exceptions.AccessError', message, 403);
export const missingError = (message: string): OdooError => new OdooError('odoo.exceptions.MissingError', message, 404);
export const validationError = (message: string): OdooError => new OdooError('odoo.exceptions.ValidationError', message, 422);
export const userError = (message: string): OdooError => new OdooError('odoo.exceptions.UserError', message, 422);
export const valueError = (message: string): OdooError => new OdooError('builtins.ValueError', message, 422);
export const typeError = (message: string): OdooError => new OdooError('builtins.TypeError', message, 422);
export const notFound = (message: string): OdooError => new OdooError('werkzeug.exceptions.NotFound', message, 404);
export const internalError = (message: string): OdooError => new OdooError('builtins.Exception', message, 500);

/** The body Odoo sends for an exception: JSON-2's whole body, JSON-RPC's `error.data`. */
export interface OdooErrorData {
  name: string;
  message: string;
  arguments: string[];
  context: Record<string, never>;
  debug: string;
}

export function errorData(err: OdooError): OdooErrorData {
  // Odoo puts a Python traceback in `debug`; an emulator has none to show.
  return { name: err.odooName, message: err.message, arguments: [err.message], context: {}, debug: `${err.odooName}: ${err.message}` };
}
