import { z } from 'zod';

/** 200 only while the database answers; otherwise 503 with the error body, code `unavailable`. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

export const aboutResponseSchema = z.object({
  name: z.literal('Winsight'),
  version: z.string(),
  /** true when this server holds the demo workspace: the sign-in page then shows the demo logins */
  demo: z.boolean(),
});
