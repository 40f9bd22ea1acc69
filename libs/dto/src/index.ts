export * from './client.dto';
export * from './error-body.dto';
export * from './user-identity.dto';
