import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export class Theme {
  @IsOptional() @IsBoolean()
  dark: boolean;
}

export class Font {
  @IsOptional() @IsInt() @Min(1) @Max(200)
  size: number;
}

/** Pieces `Aesthetics`; always sent complete (defaults filled in). */
export class Aesthetics {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => Theme)
  theme: Theme;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => Font)
  font: Font;
}
