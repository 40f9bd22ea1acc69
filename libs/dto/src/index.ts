export * from './error-body.dto';
