/**
 * The `exp` claim of a JWT as a Date, or undefined when the token is not a JWT or has no `exp`.
 * The signature is not checked: the expiry only decides when to read the token again.
 * @internal
 */
export function jwtExpiry(token: string): Date | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === "") return undefined;
  try {
    const claims: unknown = JSON.parse(decodeBase64Url(parts[1]));
    if (typeof claims !== "object" || claims === null) return undefined;
    const exp = (claims as { exp?: unknown }).exp;
    if (typeof exp !== "number" || !Number.isFinite(exp)) return undefined;
    return new Date(exp * 1000);
  } catch {
    return undefined;
  }
}

/** UTF-8 text of base64url (or base64), padding optional; throws when it is neither. */
function decodeBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
