import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formData, id, withoutNul } from './envelope';

describe('what a server action receives', () => {
  it('loses every NUL character, in text at any depth and in form data', () => {
    expect(withoutNul({ caseId: 'a\u0000b', values: { income: { wages: '1\u00002' } }, list: ['x\u0000'] })).toEqual({ caseId: 'ab', values: { income: { wages: '12' } }, list: ['x'] });
    const data = new FormData();
    data.set('caseId', 'c\u0000');
    data.set('file', new File([new Uint8Array([0])], 'a\u0000.pdf'));
    const clean = withoutNul(data) as FormData;
    expect(clean.get('caseId')).toBe('c');
    expect((clean.get('file') as File).name).toBe('a.pdf');
    // The file's own bytes are not text: they are left alone.
    expect((clean.get('file') as File).size).toBe(1);
  });

  it('refuses nesting deeper than any form, and leaves other values as they are', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => withoutNul(deep)).toThrow(RangeError);
    const date = new Date(0);
    expect(withoutNul([null, 3, true, date, undefined])).toEqual([null, 3, true, date, undefined]);
  });

  it('reads form data into an object and checks its shape', () => {
    const schema = formData({ caseId: id, file: z.instanceof(File) });
    const data = new FormData();
    data.set('caseId', '0193b7a0-0000-7000-8000-000000000001');
    data.set('file', new File(['x'], 'a.pdf'));
    expect(schema.safeParse(data).success).toBe(true);
    data.set('caseId', "1' or '1'='1");
    expect(schema.safeParse(data).success).toBe(false);
    expect(schema.safeParse({ caseId: 'x' }).success).toBe(false);
  });
});
