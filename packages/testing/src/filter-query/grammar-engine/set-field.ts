import { goQuote } from "../go-quote.js";
import type { Token } from "../lexer.js";
import { goParseInt } from "./go-parse-int.js";
import type { GrammarError } from "./grammar-error.js";
import type { StructValue } from "./struct-value.js";

/**
 * How a captured field stores its tokens (mirrors the Go field types of the server's AST).
 *
 * @internal
 */
export type FieldKind = "string" | "strings" | "int" | "float" | "struct" | "structs";

/**
 * A capture waiting to be stored into its struct once the enclosing production matched.
 *
 * @internal
 */
export interface DeferredCapture {
  readonly tokens: readonly Token[];
  readonly target: StructValue;
  readonly field: string;
  readonly fieldKind: FieldKind;
  readonly values: unknown[];
}

/** Stores a deferred capture into its struct field; the error when the value does not conform. */
export function setField(deferred: DeferredCapture): GrammarError | undefined {
  const { target, field, values } = deferred;
  switch (deferred.fieldKind) {
    case "string": {
      const previous = typeof target[field] === "string" ? (target[field] as string) : "";
      target[field] = previous + values.map(String).join("");
      return undefined;
    }
    case "strings": {
      const list = Array.isArray(target[field]) ? (target[field] as string[]) : [];
      list.push(...values.map(String));
      target[field] = list;
      return undefined;
    }
    case "struct":
      target[field] = values[0];
      return undefined;
    case "structs": {
      const list = Array.isArray(target[field]) ? (target[field] as unknown[]) : [];
      list.push(...values);
      target[field] = list;
      return undefined;
    }
    case "int": {
      const text = values.map(String).join("");
      const parsed = goParseInt(text);
      if (typeof parsed === "string") return conformError(deferred, parsed);
      target[field] = parsed;
      return undefined;
    }
    case "float": {
      const text = values.map(String).join("");
      const parsed = Number(text);
      if (!Number.isFinite(parsed)) {
        return conformError(
          deferred,
          `strconv.ParseFloat: parsing ${goQuote(text)}: value out of range`,
        );
      }
      target[field] = parsed;
      return undefined;
    }
  }
}

function conformError(deferred: DeferredCapture, detail: string): GrammarError {
  // The position is that of the first raw token of the capture, which may be the whitespace
  // in front of the number.
  const first = deferred.tokens[0];
  return {
    kind: "message",
    line: first?.line ?? 0,
    column: first?.column ?? 0,
    message: `failed to conform: ${detail}`,
  };
}
