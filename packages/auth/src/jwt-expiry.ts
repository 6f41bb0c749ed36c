/**
 * The `exp` claim of a JWT as a Date, or undefined when the token is not a JWT or has no `exp`.
 * The signature is not checked: the expiry only decides when to read the token again.
 * @internal
 */
export function jwtExpiry(token: string): Date | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === "") return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    if (typeof claims !== "object" || claims === null) return undefined;
    const exp = (claims as { exp?: unknown }).exp;
    if (typeof exp !== "number" || !Number.isFinite(exp)) return undefined;
    return new Date(exp * 1000);
  } catch {
    return undefined;
  }
}
