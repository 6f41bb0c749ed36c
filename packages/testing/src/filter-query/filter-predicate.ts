/** An entity in its JSON API shape, as the REST API returns it. */
export type FilterEntity = Record<string, unknown>;

/** A compiled filter: true when the server would include the entity in the filtered list. */
export type FilterPredicate = (entity: FilterEntity) => boolean;
