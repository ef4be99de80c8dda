/**
 * The API contract without the HTTP client: schemas, phone and money.
 * The sandbox and the OpenAPI document are built from this module.
 */
export * from './schemas.js';
export * from './phone.js';
export * from './money.js';
export * from './card.js';
export * from './top-up-rules.js';
