export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}

/** How the caller was authenticated: through kube-apiserver's front proxy, or directly. */
export type AuthMethod = 'front-proxy' | 'client-certificate' | 'token';

export interface Authenticated {
  user: UserInfo;
  via: AuthMethod;
}
