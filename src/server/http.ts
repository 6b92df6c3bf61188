import '@fastify/cookie';
import '@fastify/rate-limit';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../domain/access.ts';
import { errorResponseSchema } from '../contract/common.ts';
import type { Authentication } from './auth/auth.service.ts';
import { AppError } from './errors.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authentication | null;
  }
  interface FastifyContextConfig {
    /** reachable without signing in */
    isPublic?: boolean;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new AppError('unauthenticated', 'Sign in first');
  return request.auth.actor;
}

/** The error answers a route may give, for the OpenAPI document. */
export const errorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
};
