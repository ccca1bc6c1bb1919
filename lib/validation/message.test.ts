import { describe, expect, it } from 'vitest';
import { message, parseMessage } from './message';

describe('a validation message key', () => {
  it('may be nested a level or more (validation.litigation.phone), with or without values', () => {
    // Nested keys were read as a library's text and shown as "invalid" instead of their sentence.
    expect(parseMessage('validation.litigation.phone')).toEqual({ key: 'validation.litigation.phone' });
    expect(parseMessage(message('validation.noticeSequence.days', { max: 180 }))).toEqual({ key: 'validation.noticeSequence.days', params: { max: 180 } });
    expect(parseMessage('validation.count{"max":20}')).toEqual({ key: 'validation.count', params: { max: 20 } });
    expect(parseMessage('Invalid input: expected string')).toBeNull();
    expect(parseMessage('validation.')).toBeNull();
    expect(parseMessage('validation..x')).toBeNull();
  });
});
