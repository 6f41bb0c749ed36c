import { MlflowError } from "../mlflow-error.js";
import { lexFilter } from "./lex-filter.js";

/**
 * Splits one `order_by` element into its identifier text and direction, with MLflow's errors:
 * no leading/trailing whitespace, one identifier, optionally followed by `ASC`/`DESC` (any case).
 * @internal
 */
export function splitOrderByClause(clause: string): { identifier: string; ascending: boolean } {
  const cannotParse = () =>
    MlflowError.invalidParameterValue(`Invalid order_by clause '${clause}'. Could not be parsed.`);
  if (typeof clause !== "string" || clause === "" || clause.trim() !== clause) throw cannotParse();
  const tokens = lexFilter(clause).filter((t) => t.kind !== "ws");
  const [identifier, direction] = tokens;
  if (identifier?.kind !== "ident" || tokens.length > 2) throw cannotParse();
  if (direction === undefined) return { identifier: identifier.raw, ascending: true };
  const word = direction.raw;
  const simpleWord = /^[\p{L}_][\p{L}\p{N}_$]*$/u.test(word);
  if (!simpleWord) throw cannotParse();
  const lower = word.toLowerCase();
  if (lower !== "asc" && lower !== "desc") {
    throw MlflowError.invalidParameterValue(`Invalid ordering key in order_by clause '${clause}'.`);
  }
  return { identifier: identifier.raw, ascending: lower === "asc" };
}
