// Platform authentication: HTTP Basic (what Akkeris and most platforms use)
// and bearer tokens. Credentials come from a file (in a pod: a mounted
// Secret); every comparison is constant-time over digests, and every
// configured credential is checked so timing does not reveal which matched.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { isObject } from '@appcat/runtime';

export interface Credentials {
  basic: { username: string; password: string }[];
  bearer: string[];
}

/**
 * Reads credentials from YAML or JSON:
 * `{ basic: [{ username, password }], bearer: [token, ...] }`.
 */
export function readCredentials(file: string): Credentials {
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  if (!isObject(doc)) throw new Error(`${file}: expected an object with basic and/or bearer`);
  const basic = (Array.isArray(doc['basic']) ? doc['basic'] : []).map((b, i) => {
    if (
      !isObject(b) ||
      typeof b['username'] !== 'string' ||
      typeof b['password'] !== 'string' ||
      b['username'] === '' ||
      b['password'] === '' ||
      b['username'].includes(':')
    ) {
      throw new Error(`${file}: basic[${i}] needs a non-empty username without ":" and a non-empty password`);
    }
    return { username: b['username'], password: b['password'] };
  });
  const bearer = (Array.isArray(doc['bearer']) ? doc['bearer'] : []).map((t, i) => {
    if (typeof t !== 'string' || t.length < 16) throw new Error(`${file}: bearer[${i}] must be a token of at least 16 characters`);
    return t;
  });
  if (basic.length === 0 && bearer.length === 0) throw new Error(`${file}: no credentials`);
  return { basic, bearer };
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export class Authenticator {
  private readonly basic: Buffer[];
  private readonly bearer: Buffer[];

  constructor(credentials: Credentials) {
    // The pair is hashed as one string: a username that ends where a password begins cannot collide (":" is not allowed in usernames).
    this.basic = credentials.basic.map((b) => digest(`${b.username}:${b.password}`));
    this.bearer = credentials.bearer.map(digest);
  }

  /** Whether the Authorization header carries one of the configured credentials. */
  check(header: string | undefined): boolean {
    if (header === undefined) return false;
    const m = /^(Basic|Bearer)\s+(\S+)\s*$/i.exec(header);
    if (!m) return false;
    const scheme = (m[1] ?? '').toLowerCase();
    const value = m[2] ?? '';
    let candidates: Buffer[];
    let presented: Buffer;
    if (scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      if (!decoded.includes(':')) return false;
      candidates = this.basic;
      presented = digest(decoded);
    } else {
      candidates = this.bearer;
      presented = digest(value);
    }
    let matched = false;
    for (const c of candidates) matched = timingSafeEqual(c, presented) || matched;
    return matched;
  }
}

/** What the server needs: whether an Authorization header is good. */
export interface AuthCheck {
  check(header: string | undefined): boolean;
}

/**
 * Credentials from a file that may change (a mounted Secret is swapped in
 * place when it is rotated): the file is looked at again at most every
 * `recheckMs`; a file that no longer parses keeps the previous credentials
 * rather than locking every platform out.
 */
export class CredentialsFile implements AuthCheck {
  private auth: Authenticator;
  private mtimeMs: number;
  private checkedAt = 0;
  /** Why the last reload failed, if it did (for logs and readiness). */
  lastError: string | undefined;

  constructor(
    private readonly file: string,
    private readonly recheckMs = 5000,
  ) {
    this.auth = new Authenticator(readCredentials(file));
    this.mtimeMs = statSync(file).mtimeMs;
    this.checkedAt = Date.now();
  }

  check(header: string | undefined): boolean {
    this.refresh();
    return this.auth.check(header);
  }

  private refresh(): void {
    const now = Date.now();
    if (now - this.checkedAt < this.recheckMs) return;
    this.checkedAt = now;
    try {
      const mtimeMs = statSync(this.file).mtimeMs;
      if (mtimeMs === this.mtimeMs) return;
      this.auth = new Authenticator(readCredentials(this.file));
      this.mtimeMs = mtimeMs;
      this.lastError = undefined;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
    }
  }
}
