import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from './serializer.ts';

describe('the response serializer', () => {
  const write = responseSerializer({
    schema: z.object({
      id: z.string(),
      amount: z.number().nullable(),
      tags: z.array(z.string()),
      band: z.tuple([z.number(), z.number()]),
      extra: z.unknown().optional(),
    }),
  });

  it('writes only the fields the schema declares', () => {
    const json = write({
      id: 'a',
      amount: null,
      tags: ['x'],
      band: [0.1, 0.2],
      passwordHash: 'secret',
      deletedAt: '2026-01-01',
    });
    expect(JSON.parse(json)).toEqual({ id: 'a', amount: null, tags: ['x'], band: [0.1, 0.2] });
  });

  it('writes free-form values as they are', () => {
    expect(
      JSON.parse(write({ id: 'b', amount: 3, tags: [], band: [0, 1], extra: { nested: [1, 'two'] } })).extra,
    ).toEqual({ nested: [1, 'two'] });
  });
});
