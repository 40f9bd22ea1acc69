import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit&cursor` of GET /users (Pieces snapshot): bounded, default 100, at most 1000. */
export class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1) @Max(1000)
  limit = 100;

  @IsOptional() @IsString() @MaxLength(512)
  cursor?: string;
}
