// X-Broker-API-Originating-Identity: "<platform> <base64 of a JSON object>".
// Kubernetes platforms send {username, uid, groups, extra}; Cloud Foundry
// sends {user_id}. The raw header is recorded; the user, when it can be
// read, also becomes a label so instances can be selected by who made them.

export interface OriginatingIdentity {
  /** The header exactly as received. */
  raw: string;
  platform: string;
  /** The user name or id, when the value is the JSON the profile describes. */
  user?: string;
}

export function parseOriginatingIdentity(header: string | undefined): OriginatingIdentity | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const raw = header.trim();
  const [platform = '', encoded = ''] = raw.split(/\s+/, 2);
  let user: string | undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    if (typeof value === 'object' && value !== null) {
      const v = value as { username?: unknown; user_id?: unknown };
      if (typeof v.username === 'string') user = v.username;
      else if (typeof v.user_id === 'string') user = v.user_id;
    }
  } catch {
    // Not the profile's format: the raw value is still recorded.
  }
  return { raw, platform, ...(user !== undefined ? { user } : {}) };
}
