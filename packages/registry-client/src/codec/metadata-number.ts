import { RegistryError } from "../errors.js";

/** Smallest value of a `MetadataIntValue` (the server stores int32). @public */
export const INT32_MIN = -2_147_483_648;
/** Largest value of a `MetadataIntValue` (the server stores int32). @public */
export const INT32_MAX = 2_147_483_647;

/** The error of every codec rejection. @internal */
export function codecError(message: string, cause?: unknown): RegistryError {
  return new RegistryError(message, { code: "INVALID_CUSTOM_PROPERTY", cause });
}

/**
 * A number that must be stored as `MetadataIntValue`. Create it with {@link int}.
 * @public
 */
export class IntValue {
  readonly value: number;
  constructor(value: number) {
    if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
      throw codecError(
        `int value ${value} is not an integer within int32 [${INT32_MIN}, ${INT32_MAX}]`,
      );
    }
    this.value = value;
  }
}

/**
 * A number that must be stored as `MetadataDoubleValue`, even when integral. Create it with {@link double}.
 * @public
 */
export class DoubleValue {
  readonly value: number;
  constructor(value: number) {
    if (!Number.isFinite(value)) throw codecError(`double value ${value} is not finite`);
    this.value = value;
  }
}

/**
 * Marks a value as an int32 custom property. Accepts a number, a bigint or a decimal string.
 * @public
 */
export function int(value: number | bigint | string): IntValue {
  if (typeof value === "string") {
    if (!/^[+-]?\d+$/.test(value.trim())) throw codecError(`"${value}" is not a decimal integer`);
    return new IntValue(Number(value.trim()));
  }
  if (typeof value === "bigint") {
    if (value < BigInt(INT32_MIN) || value > BigInt(INT32_MAX)) {
      throw codecError(`int value ${value} is outside int32 [${INT32_MIN}, ${INT32_MAX}]`);
    }
    return new IntValue(Number(value));
  }
  return new IntValue(value);
}

/**
 * Marks a value as a double custom property.
 * @public
 */
export function double(value: number): DoubleValue {
  return new DoubleValue(value);
}
