/** The one error body every route answers with (Authress `ResponseError`). */
export class ErrorBody {
  /** Human-readable description of the problem. */
  title: string;
  /** Stable, programmatic code. */
  errorCode: string;
  /** The request id; the same id is in the service's log line for the request. */
  errorId: string;
}
