#!/usr/bin/env node
// `make billing-api`: a working BillingEntity API on this machine in one
// command (kube-apiserver, the Odoo emulator, the billing API), until Ctrl-C.
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLocalStack } from './local.js';

const out = resolve(process.argv[2] ?? 'billing-api.kubeconfig');
const stack = await startLocalStack({ config: { watchIntervalMs: 2000 } });
copyFileSync(stack.env.kubeconfig.path, out);
console.log(`billing API ready (kube-apiserver ${stack.env.server}, Odoo emulator ${stack.erp.url})

  export KUBECONFIG=${out}
  kubectl get billingentities
  kubectl explain billingentity.spec
  kubectl create -f - <<EOF
  apiVersion: billing.appuio.io/v1
  kind: BillingEntity
  metadata: { generateName: be- }
  spec: { name: Acme AG, emails: [info@acme.ch], address: { country: Switzerland }, accountingContact: { name: Finance, emails: [finance@acme.ch] } }
  EOF

ERP faults: curl -X PUT ${stack.erp.url}/emulator/faults -d '{"outage":true}'
Ctrl-C stops everything.`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stack.stop().then(() => process.exit(0));
  });
}
