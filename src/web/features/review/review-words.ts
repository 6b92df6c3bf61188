/** "identified_not_approved" -> "identified not approved": a stored token as plain words. */
export const words = (token: string) => token.replaceAll('_', ' ');
