// Who is calling. In order:
// 1. The front proxy: a client certificate issued by the request-header CA
//    with an allowed CN; only then are X-Remote-User/Group/Extra-* trusted.
// 2. A client certificate issued by the client CA: CN is the user, O the groups.
// 3. A bearer token, checked with a TokenReview (results cached briefly).
// Anything else, including X-Remote-* headers on any other connection, is 401.
import 'reflect-metadata';
import { createHash, type X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { IncomingHttpHeaders } from 'node:http';
import type { KubeClient } from '../kube/client.js';
import { expectStatus } from '../kube/client.js';
import type { AuthenticationConfig } from './config.js';
import type { Authenticated, UserInfo } from './user.js';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** Longest chain followed from a client certificate to a trusted CA: leaf, intermediates, root. */
const MAX_CHAIN = 5;

const valid = (cert: X509Certificate, now: Date): boolean => now >= new Date(cert.validFrom) && now <= new Date(cert.validTo);

/** Whether `issuer` is a CA in its validity period that issued and signed `cert`. */
const signs = (issuer: X509Certificate, cert: X509Certificate, now: Date): boolean =>
  issuer.ca && valid(issuer, now) && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/** basicConstraints pathLenConstraint of a CA (Node's X509Certificate does not expose it), by fingerprint. */
const pathLengths = new Map<string, number | undefined>();
function pathLength(cert: X509Certificate): number | undefined {
  const key = cert.fingerprint256;
  if (pathLengths.has(key)) return pathLengths.get(key);
  const value = new x509.X509Certificate(cert.raw).getExtension(x509.BasicConstraintsExtension)?.pathLength;
  if (pathLengths.size > 1000) pathLengths.clear();
  pathLengths.set(key, value);
  return value;
}

/** Whether CA `issuer` may have `intermediates` CA certificates between itself and the leaf (RFC 5280 pathLenConstraint). */
const allowsDepth = (issuer: X509Certificate, intermediates: number): boolean => {
  const max = pathLength(issuer);
  return max === undefined || intermediates <= max;
};

/**
 * Whether `chain` (the client's certificate, then the intermediates it sent,
 * in any order) leads to one of `cas`: each certificate signed by the next,
 * every issuer a CA in its validity period whose pathLenConstraint allows the
 * intermediates below it, the leaf valid and allowed to authenticate a
 * client. A proxy whose certificate comes from an intermediate of the
 * request-header CA presents that intermediate too, as Go's TLS client does.
 */
export function issuedBy(chain: readonly X509Certificate[], cas: readonly X509Certificate[], now = new Date()): boolean {
  const [leaf, ...intermediates] = chain;
  if (!leaf || !valid(leaf, now)) return false;
  const eku = leaf.keyUsage as string[] | undefined;
  if (eku && eku.length > 0 && !eku.includes(CLIENT_AUTH)) return false;
  // Depth-first over the intermediates: `path` is the leaf and the CAs above it so far.
  const search = (path: X509Certificate[]): boolean => {
    const cert = path[path.length - 1];
    if (!cert) return false;
    const below = path.length - 1;
    if (cas.some((ca) => signs(ca, cert, now) && allowsDepth(ca, below))) return true;
    if (path.length >= MAX_CHAIN - 1) return false;
    return intermediates.some((c) => !path.includes(c) && signs(c, cert, now) && allowsDepth(c, below) && search([...path, c]));
  };
  return search([leaf]);
}

function subjectField(cert: X509Certificate, key: 'CN' | 'O'): string[] {
  return cert.subject
    .split('\n')
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1));
}

type Headers = Record<string, string[] | undefined>;

function first(headers: Headers, names: string[]): string | undefined {
  for (const n of names) {
    const v = headers[n]?.[0];
    if (v) return v;
  }
  return undefined;
}

function fromRequestHeaders(headers: Headers, rh: NonNullable<AuthenticationConfig['requestHeader']>): UserInfo | undefined {
  const name = first(headers, rh.usernameHeaders);
  if (!name) return undefined;
  const uid = first(headers, rh.uidHeaders);
  const groups = rh.groupHeaders.flatMap((h) => headers[h] ?? []);
  const extra: Record<string, string[]> = {};
  for (const [header, values] of Object.entries(headers)) {
    for (const prefix of rh.extraHeaderPrefixes) {
      if (header.startsWith(prefix) && values) {
        // The key is percent-encoded and read lower-cased (as kube-apiserver does).
        const key = decodeURIComponent(header.slice(prefix.length)).toLowerCase();
        (extra[key] ??= []).push(...values);
      }
    }
  }
  return { name, ...(uid ? { uid } : {}), groups, extra };
}

interface TokenReviewStatus {
  authenticated?: boolean;
  user?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  error?: string;
}

export class Authenticator {
  private readonly tokens = new Map<string, { until: number; user: UserInfo | undefined }>();

  constructor(
    private config: () => AuthenticationConfig,
    private readonly kube: KubeClient,
    private readonly tokenCacheMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Undefined: not authenticated (401). `peer` is the client's certificate
   * chain, leaf first (empty without one); `headersDistinct` keeps repeated
   * headers apart.
   */
  async authenticate(peer: readonly X509Certificate[], headers: Headers, rawHeaders: IncomingHttpHeaders): Promise<Authenticated | undefined> {
    const cfg = this.config();
    const [leaf] = peer;
    if (leaf && cfg.requestHeader && issuedBy(peer, cfg.requestHeader.cas)) {
      const cn = subjectField(leaf, 'CN')[0] ?? '';
      const allowed = cfg.requestHeader.allowedNames;
      if (allowed.length === 0 || allowed.includes(cn)) {
        const user = fromRequestHeaders(headers, cfg.requestHeader);
        return user ? { user, via: 'front-proxy' } : undefined;
      }
    }
    if (leaf && issuedBy(peer, cfg.clientCAs)) {
      const name = subjectField(leaf, 'CN')[0];
      if (name) return { user: { name, groups: [...subjectField(leaf, 'O'), 'system:authenticated'], extra: {} }, via: 'client-certificate' };
    }
    const auth = rawHeaders.authorization;
    const token = auth && /^bearer\s+(\S+)$/i.exec(auth)?.[1];
    if (token) {
      const user = await this.reviewToken(token);
      return user ? { user, via: 'token' } : undefined;
    }
    return undefined;
  }

  private async reviewToken(token: string): Promise<UserInfo | undefined> {
    // Cached by hash: the token itself is never kept or logged.
    const key = createHash('sha256').update(token).digest('hex');
    const hit = this.tokens.get(key);
    if (hit && hit.until > this.now()) return hit.user;
    const review = (await expectStatus(this.kube, [200, 201], 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token },
    })) as { status?: TokenReviewStatus };
    const s = review.status;
    const user: UserInfo | undefined =
      s?.authenticated && s.user?.username
        ? { name: s.user.username, ...(s.user.uid ? { uid: s.user.uid } : {}), groups: s.user.groups ?? [], extra: s.user.extra ?? {} }
        : undefined;
    if (this.tokens.size > 10_000) this.tokens.clear();
    this.tokens.set(key, { until: this.now() + this.tokenCacheMs, user });
    return user;
  }
}
