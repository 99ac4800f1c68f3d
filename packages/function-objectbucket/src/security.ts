// The security group of a bucket: deletion protection is the API server's
// (the catalog's admission policy); the access fields exist for claims
// written for services with an instance namespace, which a bucket has not.
import type { Context } from './names.js';

export function reportSecurity(ctx: Context): void {
  const { allowAllNamespaces, allowedNamespaces, allowedGroups, allowedUsers } = ctx.params.security;
  const set = [
    ...(allowAllNamespaces ? ['allowAllNamespaces'] : []),
    ...(allowedNamespaces?.length ? ['allowedNamespaces'] : []),
    ...(allowedGroups?.length ? ['allowedGroups'] : []),
    ...(allowedUsers?.length ? ['allowedUsers'] : []),
  ];
  if (set.length === 0) return;
  ctx.result(
    'warning',
    `spec.parameters.security.${set.join(', ')}: no effect on a bucket, which is reached with its credentials from any namespace they are given to`,
    { reason: 'NoEffect' },
  );
}
