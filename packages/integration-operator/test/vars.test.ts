import { VarError, fieldValue, parseFieldPath, resolveVars } from '../src/integration/vars.js';

describe('vars', () => {
  const deployment = {
    spec: { template: { spec: { serviceAccountName: 'app', containers: [{ image: 'a:1' }, { image: 'b:2' }] } } },
    status: { replicas: 3 },
  };

  it('parses kustomize field paths with indexes', () => {
    expect(parseFieldPath('spec.template.spec.containers[1].image')).toEqual(['spec', 'template', 'spec', 'containers', 1, 'image']);
    expect(() => parseFieldPath('a.b]')).toThrow(VarError);
  });

  it('reads scalars as strings and objects as JSON', () => {
    expect(fieldValue(deployment, 'spec.template.spec.serviceAccountName')).toBe('app');
    expect(fieldValue(deployment, 'spec.template.spec.containers[1].image')).toBe('b:2');
    expect(fieldValue(deployment, 'status.replicas')).toBe('3');
    expect(fieldValue(deployment, 'spec.template.spec.containers[0]')).toBe('{"image":"a:1"}');
    expect(fieldValue(deployment, 'status.missing')).toBeUndefined();
  });

  it('reads only from the owner namespace and says what is missing', async () => {
    const reads: string[] = [];
    const read = (key: { namespace: string; name: string }): Promise<object | undefined> => {
      reads.push(`${key.namespace}/${key.name}`);
      return Promise.resolve(key.name === 'web' ? deployment : undefined);
    };
    const v = (name: string, namespace?: string, fieldPath = 'status.replicas') => ({
      name: 'x',
      objref: { apiVersion: 'apps/v1', kind: 'Deployment', name, ...(namespace ? { namespace } : {}) },
      fieldref: { fieldPath },
    });
    expect(await resolveVars([v('web')], 'shop', read)).toEqual({ x: '3' });
    await expect(resolveVars([v('web', 'kube-system')], 'shop', read)).rejects.toThrow(
      "var x: objref namespace kube-system must be the owner's namespace shop",
    );
    await expect(resolveVars([v('gone')], 'shop', read)).rejects.toThrow('var x: Deployment shop/gone not found');
    await expect(resolveVars([v('web', undefined, 'status.nope')], 'shop', read)).rejects.toThrow('var x: Deployment shop/web has no status.nope');
    expect(reads).toEqual(['shop/web', 'shop/gone', 'shop/web']);
  });
});
