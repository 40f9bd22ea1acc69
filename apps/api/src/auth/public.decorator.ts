import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'roster:public';

/** Marks a controller or route as served without a credential. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
