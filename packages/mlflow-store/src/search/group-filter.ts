import type { Token } from "./lex-filter.js";

/** A grouped comparison: `left op right`, `left IS [NOT] NULL`, or `left [NOT] IN (…)`. @internal */
export interface Comparison {
  readonly kind: "comparison";
  readonly left: Token;
  /** Normalised comparator (`=`, `LIKE`, `NOT IN`, `IS NULL`, …). */
  readonly comparator: string;
  /** Comparator as written (for messages that echo it). */
  readonly comparatorRaw: string;
  /** `undefined` for the two-token `IS [NOT] NULL` form. */
  readonly right: Token | undefined;
  readonly raw: string;
}

export type GroupedItem = Comparison | Token;

const OPERAND_KINDS = new Set(["ident", "number", "hex", "string", "paren"]);

/** sqlparse groups identifiers, numbers, strings, parentheses and the keyword NULL as operands. */
function isOperand(token: Token | undefined): token is Token {
  return (
    token !== undefined &&
    (OPERAND_KINDS.has(token.kind) || (token.kind === "keyword" && token.value === "NULL"))
  );
}

function isKeyword(token: Token | undefined, value: string): boolean {
  return token?.kind === "keyword" && token.value === value;
}

/** Tries to group a comparison at `i`; returns it with the number of tokens consumed. */
function groupAt(tokens: readonly Token[], i: number): [Comparison, number] | undefined {
  const [first, second, third, fourth] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  if (!isOperand(first)) return undefined;
  if (second?.kind === "op" && isOperand(third)) {
    const raw = `${first.raw} ${second.raw} ${third.raw}`;
    return [
      {
        kind: "comparison",
        left: first,
        comparator: second.value,
        comparatorRaw: second.raw,
        right: third,
        raw,
      },
      3,
    ];
  }
  if (first.kind !== "ident") return undefined;
  if (isKeyword(second, "IN") && third?.kind === "paren") {
    const raw = `${first.raw} ${second?.raw} ${third.raw}`;
    return [
      {
        kind: "comparison",
        left: first,
        comparator: "IN",
        comparatorRaw: second?.raw ?? "IN",
        right: third,
        raw,
      },
      3,
    ];
  }
  if (isKeyword(second, "NOT") && isKeyword(third, "IN") && fourth?.kind === "paren") {
    const raw = `${first.raw} NOT IN ${fourth.raw}`;
    return [
      {
        kind: "comparison",
        left: first,
        comparator: "NOT IN",
        comparatorRaw: "NOT IN",
        right: fourth,
        raw,
      },
      4,
    ];
  }
  if (isKeyword(second, "IS") && isKeyword(third, "NULL")) {
    return [
      {
        kind: "comparison",
        left: first,
        comparator: "IS NULL",
        comparatorRaw: "IS NULL",
        right: undefined,
        raw: `${first.raw} IS NULL`,
      },
      3,
    ];
  }
  if (isKeyword(second, "IS") && isKeyword(third, "NOT") && isKeyword(fourth, "NULL")) {
    return [
      {
        kind: "comparison",
        left: first,
        comparator: "IS NOT NULL",
        comparatorRaw: "IS NOT NULL",
        right: undefined,
        raw: `${first.raw} IS NOT NULL`,
      },
      4,
    ];
  }
  return undefined;
}

/**
 * Groups non-whitespace tokens into comparisons; anything that does not form one stays a token
 * (callers treat `AND` as a separator and everything else as an invalid clause, as MLflow does).
 * @internal
 */
export function groupFilter(tokens: readonly Token[]): GroupedItem[] {
  const significant = tokens.filter((t) => t.kind !== "ws");
  const items: GroupedItem[] = [];
  let i = 0;
  while (i < significant.length) {
    const grouped = groupAt(significant, i);
    if (grouped) {
      items.push(grouped[0]);
      i += grouped[1];
    } else {
      items.push(significant[i] as Token);
      i++;
    }
  }
  return items;
}

/** True when the token list holds more than one `;`-separated statement. @internal */
export function hasMultipleStatements(tokens: readonly Token[]): boolean {
  const index = tokens.findIndex((t) => t.kind === "punct" && t.raw === ";");
  return index >= 0 && tokens.slice(index + 1).some((t) => t.kind !== "ws" && t.raw !== ";");
}

export function isComparison(item: GroupedItem): item is Comparison {
  return (item as Comparison).kind === "comparison";
}
