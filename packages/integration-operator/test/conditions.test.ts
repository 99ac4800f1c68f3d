import { MAX_MESSAGE_LENGTH, conditionOf, setCondition } from '../src/controller/conditions.js';

describe('setCondition', () => {
  it('moves the transition time only when the status changes', () => {
    const first = setCondition(undefined, 'Coupled', false, 'SocketNotFound', 'waiting');
    const at = conditionOf(first, 'Coupled')!.lastTransitionTime;
    const same = setCondition([{ ...first[0]!, lastTransitionTime: '2000-01-01T00:00:00.000Z' }], 'Coupled', false, 'SocketFull', 'full', 3);
    expect(conditionOf(same, 'Coupled')).toEqual({
      type: 'Coupled',
      status: 'False',
      reason: 'SocketFull',
      message: 'full',
      lastTransitionTime: '2000-01-01T00:00:00.000Z',
      observedGeneration: 3,
    });
    const flipped = setCondition(same, 'Coupled', true, 'Coupled', 'coupled');
    expect(conditionOf(flipped, 'Coupled')!.lastTransitionTime).not.toBe('2000-01-01T00:00:00.000Z');
    expect(Date.parse(at)).not.toBeNaN();
  });

  it('keeps one condition per type, sorted, and long messages short', () => {
    let conditions = setCondition(undefined, 'Ready', true, 'Ready', 'ok');
    conditions = setCondition(conditions, 'Coupled', true, 'Coupled', 'ok');
    conditions = setCondition(conditions, 'Ready', false, 'TemplateFailed', 'x'.repeat(5000));
    expect(conditions.map((c) => c.type)).toEqual(['Coupled', 'Ready']);
    expect(conditionOf(conditions, 'Ready')!.message).toHaveLength(MAX_MESSAGE_LENGTH);
  });
});
