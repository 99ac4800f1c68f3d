import { InterfaceViolation, applyInterface } from '../src/integration/interface.js';

describe('applyInterface', () => {
  const side = { database: { required: true }, schema: { default: 'public' }, comment: { description: 'free text' } };

  it('keeps declared properties, applies defaults and drops the rest', () => {
    expect(applyInterface('plug config', { database: 'shop', extra: 'x' }, side)).toEqual({ database: 'shop', schema: 'public' });
    expect(applyInterface('plug config', { database: 'shop', schema: '' }, side)).toEqual({ database: 'shop', schema: 'public' });
  });

  it('names every missing or empty required property', () => {
    const two = { a: { required: true }, b: { required: true } };
    expect(() => applyInterface('socket result', { b: '' }, two)).toThrow(new InterfaceViolation('socket result', ['a', 'b']));
    expect(() => applyInterface('plug config', {}, side)).toThrow('plug config is missing "database", required by the socket\'s interface');
  });

  it('passes everything when the socket declares no interface for the side', () => {
    expect(applyInterface('plug config', { any: 'thing' }, undefined)).toEqual({ any: 'thing' });
  });

  it('does not change the values it was given', () => {
    const values = { database: 'shop', extra: 'x' };
    applyInterface('plug config', values, side);
    expect(values).toEqual({ database: 'shop', extra: 'x' });
  });
});
