// One helper for the api's specs and this suite; the e2e files import it from here.
export { eventually } from '@roster/api-testing';
