/**
 * A struct value under construction: field name → captured value.
 *
 * @internal
 */
export type StructValue = Record<string, unknown> & {
  readonly $type: string;
  readonly $line: number;
  readonly $column: number;
};
