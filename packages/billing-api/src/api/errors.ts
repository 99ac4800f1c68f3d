// ERP and other failures as Kubernetes Status errors; nothing leaves the
// server as a bare 500 with a stack trace.
import { ErpInvalid, ErpNotFound, ErpTimeout, ErpUnavailable } from '../erp/erp.js';
import { OdooFault } from '../erp/transport.js';
import { KubeError } from '../kube/client.js';
import { nameOf } from './entity.js';
import { ApiError, internal, invalid, notFound, timeout, unavailable } from './status.js';

export function toApiError(err: unknown, name = ''): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ErpNotFound) return notFound(nameOf(err.id));
  if (err instanceof ErpInvalid)
    return invalid(name, [{ reason: 'FieldValueInvalid', field: err.field, message: err.message.replace(`${err.field}: `, '') }]);
  if (err instanceof ErpUnavailable) return unavailable(`${err.message}; try again later`, err.retryAfterSeconds);
  if (err instanceof ErpTimeout) return timeout(`${err.message}; the ERP is slow or unavailable, try again later`);
  if (err instanceof OdooFault) {
    if (err.status === 422 || /ValidationError|UserError|ValueError/.test(err.odooName)) {
      return invalid(name, [{ reason: 'FieldValueInvalid', field: 'spec', message: `the ERP refused the values: ${err.message}` }]);
    }
    // Odoo answered but refused us (credentials, access rights): an operator problem, not the caller's.
    return unavailable(`the ERP is unavailable: it refused the request (${err.odooName}: ${err.message})`, 30);
  }
  if (err instanceof KubeError) {
    // A review or lookup the server needs from kube-apiserver failed: nothing the caller did.
    return unavailable(`could not check the request with kube-apiserver (${err.message}); try again later`, 5);
  }
  return internal('internal error; the server log has the details');
}
