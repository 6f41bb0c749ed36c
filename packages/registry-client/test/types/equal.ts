/** Flattens intersections and drops `readonly`, keeping optionality, so shapes compare structurally. */
export type Normalize<T> = T extends readonly (infer I)[]
  ? Normalize<I>[]
  : T extends object
    ? { -readonly [K in keyof T]: Normalize<T[K]> }
    : T;

/** True when A and B have the same normalized shape. */
export type Equal<A, B> =
  (<X>() => X extends Normalize<A> ? 1 : 2) extends <X>() => X extends Normalize<B> ? 1 : 2
    ? true
    : false;
