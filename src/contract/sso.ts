import { z } from 'zod';
import { plainText } from './common.ts';

// Single sign-on through an organization's OpenID Connect provider (authorization code with PKCE).

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The organization's provider as administrators read it: the client secret only as set or not. */
export const ssoSettingsSchema = z.object({
  issuer: z.string(),
  clientId: z.string(),
  isClientSecretSet: z.boolean(),
  /** a secret is saved but cannot be read with this server's key: it must be entered again */
  isClientSecretUnreadable: z.boolean(),
  allowedDomains: z.array(z.string()),
  /** a first sign-in of an address in an allowed domain creates a seller (else only existing people sign in) */
  createsUsers: z.boolean(),
  isEnabled: z.boolean(),
  /** while on, only administrators may sign in with a password (the break-glass); everyone else through the provider */
  requiresSso: z.boolean(),
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

export const ssoSettingsResultSchema = z.object({
  settings: ssoSettingsSchema.nullable(),
  /** the address to register at the provider as this app's redirect URI */
  redirectUri: z.string(),
});
export type SsoSettingsResult = z.infer<typeof ssoSettingsResultSchema>;

/**
 * `clientSecret`: a new one, null to remove it (a public client), left out to keep the saved one.
 * `requiresSso`: left out keeps the saved choice (off for a new provider).
 */
export const ssoSettingsBodySchema = z.strictObject({
  issuer: plainText(z.string().trim().min(1, 'Required').max(500, 'At most 500 characters'))
    .transform((v) => v.replace(/\/+$/, ''))
    .refine(
      (v) => /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v),
      "Enter the provider's issuer address, such as https://login.example.com",
    ),
  clientId: plainText(z.string().trim().min(1, 'Required').max(500, 'At most 500 characters')),
  clientSecret: z.string().max(2000, 'At most 2000 characters').nullable().optional(),
  allowedDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .transform((d) => d.replace(/^@/, ''))
        .refine((d) => DOMAIN.test(d), 'Enter a domain such as example.com'),
    )
    .min(1, 'Name at least one e-mail domain that signs in this way')
    .max(50, 'At most 50 domains'),
  createsUsers: z.boolean(),
  isEnabled: z.boolean(),
  requiresSso: z.boolean().optional(),
});
export type SsoSettingsBody = z.input<typeof ssoSettingsBodySchema>;

export const ssoStartBodySchema = z.strictObject({
  email: plainText(z.string().trim().min(1, 'Required').max(320, 'At most 320 characters')).pipe(
    z.email({ message: 'Expected an email address such as you@example.com' }),
  ),
  /** where to land after signing in: a path inside the app */
  next: z.string().max(2000).optional(),
});

export const ssoStartResultSchema = z.object({
  /** the provider's sign-in page to send the browser to */
  redirectTo: z.string(),
});
