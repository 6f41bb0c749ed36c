import { invalidParameter, invalidValueMessage } from "./messages.js";

/**
 * True when the registry would refuse `value` in a request: it rejects any body that contains
 * the NUL character or the six characters `\u0000` (how JSON spells NUL), so a value with
 * either is refused before anything is written.
 * @public
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !value.includes("\\u0000");
}

/** Throws INVALID_PARAMETER_VALUE unless {@link isStorableText}. `path` names the value. @internal */
export function checkStorableText(path: string, value: string): void {
  if (isStorableText(value)) return;
  const shown = value.length > 100 ? `${value.slice(0, 100)}…` : value;
  throw invalidParameter(
    invalidValueMessage(
      path,
      shown,
      "Model Registry cannot store the NUL character (nor the text \\u0000) in a value.",
    ),
  );
}
