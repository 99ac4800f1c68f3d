import type { Socket } from '../src/api/types.js';
import { InvalidPattern, checkPatterns, namespaceRefusal } from '../src/controller/admission.js';

const socket = (validation: Socket['spec']['validation']): Socket => ({
  apiVersion: 'integration.appcat.vshn.io/v1beta1',
  kind: 'Socket',
  metadata: { name: 'db', namespace: 'dbs' },
  spec: { validation },
});

describe('namespace admission', () => {
  it('admits every namespace without lists', () => {
    expect(namespaceRefusal(socket(undefined), 'anything')).toBeUndefined();
  });

  it('anchors patterns: a pattern matches whole names only', () => {
    const s = socket({ namespaceAllowList: ['shop'] });
    expect(namespaceRefusal(s, 'shop')).toBeUndefined();
    expect(namespaceRefusal(s, 'shop-staging')).toBe('socket dbs/db admits plugs only from namespaces matching shop');
    expect(namespaceRefusal(s, 'myshop')).toBeDefined();
  });

  it('lets deny win over allow', () => {
    const s = socket({ namespaceAllowList: ['team-.*'], namespaceDenyList: ['team-secret'] });
    expect(namespaceRefusal(s, 'team-a')).toBeUndefined();
    expect(namespaceRefusal(s, 'team-secret')).toBe('socket dbs/db denies plugs from namespace team-secret');
  });

  it('reports an invalid pattern instead of never matching it', () => {
    expect(() => {
      checkPatterns(socket({ namespaceDenyList: ['('] }));
    }).toThrow(InvalidPattern);
    expect(() => namespaceRefusal(socket({ namespaceAllowList: ['['] }), 'x')).toThrow('namespace pattern "[" is not a valid regular expression');
  });
});
