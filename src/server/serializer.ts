import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Responses are written from each route's response schema (turned into JSON Schema once, at
 * start-up) by fast-json-stringify: only declared fields leave the server, at a fraction of the
 * cost of checking every reply with zod.
 */
export const responseSerializer = ({ schema }: { schema: unknown }) =>
  fastJson(
    z.toJSONSchema(schema as z.ZodType, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as Parameters<
      typeof fastJson
    >[0],
  );
