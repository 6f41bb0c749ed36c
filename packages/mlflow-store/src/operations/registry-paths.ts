/** The registry API prefix every path starts with. @internal */
export const API = "/api/model_registry/v1alpha3" as const;

const INT32_MAX = 2_147_483_647;

/** True when `id` is a registry id the server can parse (a positive int32 in decimal). @internal */
export function isRegistryId(id: string): boolean {
  return /^[0-9]{1,10}$/.test(id) && Number(id) >= 1 && Number(id) <= INT32_MAX;
}

/**
 * A registry filterQuery string literal for `value`, or undefined when the registry's lexer cannot
 * express it (it strips every leading and trailing quote character of a string token).
 * @internal
 */
export function registryLiteral(value: string): string | undefined {
  if (/^['"]|['"]$/.test(value) || value.includes("\u0000")) return undefined;
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
