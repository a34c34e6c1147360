const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID: checked before an id reaches a uuid column (PostgreSQL would refuse it with an error). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
