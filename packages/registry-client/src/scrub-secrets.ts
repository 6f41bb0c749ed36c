/** What replaces a credential found in text from the server. */
export const REDACTED = "[REDACTED]";

/**
 * Shorter values are not treated as secrets: replacing them would mangle ordinary text, and a
 * credential that short protects nothing.
 */
const MIN_SECRET_LENGTH = 4;

/**
 * The forms in which credentials sent on a request can come back in a response, longest first:
 * as sent, and percent- or JSON-escaped (in query strings and in raw JSON text). An
 * `Authorization` value counts whole and without its scheme (`Bearer abc` and `abc`), so an echo
 * with or without the scheme is found.
 */
export function secretForms(credentials: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const credential of credentials) {
    const space = credential.indexOf(" ");
    const bare = space > 0 ? credential.slice(space + 1).trim() : credential;
    for (const value of space > 0 ? [credential, bare] : [bare]) {
      if (value.length < MIN_SECRET_LENGTH) continue;
      forms.add(value);
      forms.add(encodeURIComponent(value));
      forms.add(JSON.stringify(value).slice(1, -1));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of any form of the credentials in `text` with {@link REDACTED}.
 * `credentials` are the raw values sent (tokens, `Authorization` header values).
 */
export function scrubSecrets(text: string, credentials: readonly string[] | undefined): string {
  if (credentials === undefined || credentials.length === 0 || text === "") return text;
  let result = text;
  for (const secret of secretForms(credentials)) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}
