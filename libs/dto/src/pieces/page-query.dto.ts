import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit` of a Pieces list: bounded, default 100, at most 1000. */
export class LimitQuery {
  @ApiPropertyOptional({ type: 'integer', default: 100 }) // optional on the wire; the default fills it
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1) @Max(1000)
  limit: number = 100;
}

/** `?limit&cursor` of GET /users (Pieces snapshot). */
export class PageQuery extends LimitQuery {
  @IsOptional() @IsString() @MaxLength(512)
  cursor?: string;
}
