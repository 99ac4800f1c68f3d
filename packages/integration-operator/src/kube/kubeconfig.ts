// client-node 1.x builds a new https.Agent for every request, so every API
// call opens a fresh TLS connection (handshake, client certificate, new TLS
// context). An operator makes thousands of calls: this KubeConfig keeps one
// keep-alive agent per identity instead, shared with its impersonating copies
// (impersonation is a header; the TLS identity is the same).
import { Agent } from 'node:https';
import { type Context, KubeConfig, type RequestContext, type User } from '@kubernetes/client-node';

interface AgentHolder {
  agent?: Agent;
}

export class PooledKubeConfig extends KubeConfig {
  private constructor(private readonly holder: AgentHolder) {
    super();
  }

  /** A copy of kc whose requests reuse connections; impersonateUser, when given, acts as that user. */
  static from(kc: KubeConfig, impersonateUser?: string, holder: AgentHolder = {}): PooledKubeConfig {
    const pooled = new PooledKubeConfig(holder);
    const current = kc.getCurrentUser();
    const users: User[] = kc.users.map((u) => (impersonateUser && u.name === current?.name ? { ...u, impersonateUser } : u));
    const contexts: Context[] = kc.contexts;
    pooled.loadFromOptions({ clusters: kc.clusters, users, contexts, currentContext: kc.currentContext });
    return pooled;
  }

  /** The same connections, acting as another user. */
  impersonating(user: string): PooledKubeConfig {
    return PooledKubeConfig.from(this, user, this.holder);
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const fresh = context.getAgent();
    if (!(fresh instanceof Agent)) return; // plain HTTP or a proxy agent: left as client-node made it
    this.holder.agent ??= new Agent({ ...fresh.options, keepAlive: true, maxSockets: 32 });
    context.setAgent(this.holder.agent);
  }

  /** Closes the pooled connections (on stop). */
  destroy(): void {
    this.holder.agent?.destroy();
    this.holder.agent = undefined;
  }
}
