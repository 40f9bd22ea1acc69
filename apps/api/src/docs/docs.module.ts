import { Module } from '@nestjs/common';
import { DocsRedirectController } from './docs-redirect.controller';

/** The docs themselves are mounted by SwaggerModule in createApp; this module adds the way to them. */
@Module({ controllers: [DocsRedirectController] })
export class DocsModule {}
