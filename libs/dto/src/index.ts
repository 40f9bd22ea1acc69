export * from './client.dto';
export * from './error-body.dto';
export * from './list-users-query.dto';
export * from './tenant.dto';
export * from './user-identity-collection.dto';
export * from './user-identity.dto';
