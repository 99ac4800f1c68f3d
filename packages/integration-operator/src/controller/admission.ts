// Which plugs a socket admits: its namespace lists (anchored regular
// expressions, deny wins) and its limit.
import type { Socket } from '../api/types.js';

export class InvalidPattern extends Error {
  override readonly name = 'InvalidPattern';
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new InvalidPattern(`namespace pattern ${JSON.stringify(pattern)} is not a valid regular expression`);
  }
}

/** Why the socket refuses plugs from the namespace, or undefined when it admits them. */
export function namespaceRefusal(socket: Socket, namespace: string): string | undefined {
  const { namespaceAllowList: allow, namespaceDenyList: deny } = socket.spec.validation ?? {};
  const name = `${socket.metadata.namespace}/${socket.metadata.name}`;
  if ((deny ?? []).map(compile).some((re) => re.test(namespace))) return `socket ${name} denies plugs from namespace ${namespace}`;
  if (allow && allow.length > 0 && !allow.map(compile).some((re) => re.test(namespace)))
    return `socket ${name} admits plugs only from namespaces matching ${allow.join(', ')}`;
  return undefined;
}

/** Throws InvalidPattern when a namespace list holds an invalid expression. */
export function checkPatterns(socket: Socket): void {
  for (const p of [...(socket.spec.validation?.namespaceAllowList ?? []), ...(socket.spec.validation?.namespaceDenyList ?? [])]) compile(p);
}
