import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const LIMIT_MESSAGE = 'limit must be an integer between 1 and 100';
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value);

/** GET /v1/users query. */
export class ListUsersQuery {
  @IsOptional() @Max(100, { message: LIMIT_MESSAGE }) @Min(1, { message: LIMIT_MESSAGE }) @IsInt({ message: LIMIT_MESSAGE }) @Transform(toInteger)
  limit?: number;

  /** Opaque, from a previous page's `pagination.next.cursor`. */
  @IsOptional() @IsString() @MaxLength(1024)
  cursor?: string;

  /** Case-insensitive substring of userId, name, email, username or vanityname. */
  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[^\p{Cc}]*$/u, { message: 'filter must not contain control characters' })
  filter?: string;

  @IsOptional() @IsString() @MaxLength(128) @Matches(/^[A-Za-z0-9_.:-]*$/, { message: 'tenantId may contain only letters, digits, -, _, . and :' })
  tenantId?: string;
}
